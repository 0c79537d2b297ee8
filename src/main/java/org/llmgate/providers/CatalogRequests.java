package org.llmgate.providers;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded JSON GETs for model catalogs: 10 s in all, a capped body, failures classified like chats. */
public final class CatalogRequests {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private CatalogRequests() {
    }

    /** GETs one JSON object; fails with an {@link UpstreamFailure}. */
    public static CompletableFuture<JsonObject> getJson(UpstreamHttp http, URI uri, Map<String, String> headers,
                                                        HttpErrorClassifier classifier, String... secrets) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(TIMEOUT)
                .header("Accept", "application/json").header("User-Agent", "llmgate");
        headers.forEach(builder::header);
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        try {
            // continued on the bounded pool: what follows a listing (a probe chat, a JAX-RS answer)
            // must not run on the HTTP client's I/O thread
            http.client().sendAsync(builder.build(), info -> new BoundedBodySubscriber(MAX_BODY))
                    .whenCompleteAsync((response, error) -> {
                        if (error != null) {
                            result.completeExceptionally(classifier.fromTransport(error, secrets));
                        } else if (response.statusCode() / 100 != 2) {
                            result.completeExceptionally(classifier.fromResponse(
                                    response.statusCode(), response.headers(), response.body(), secrets));
                        } else {
                            JsonObject json = JsonSupport.parseObjectOrNull(response.body());
                            if (json == null) {
                                result.completeExceptionally(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR,
                                        response.statusCode(), null, "model list is not a JSON object"));
                            } else {
                                result.complete(json);
                            }
                        }
                    }, http.callbacks());
        } catch (RuntimeException e) {
            result.completeExceptionally(classifier.fromTransport(e, secrets));
        }
        return result;
    }

    /** Bounds a whole (possibly paginated) listing to {@link #TIMEOUT}. */
    public static <T> CompletableFuture<T> withDeadline(CompletableFuture<T> listing) {
        return listing.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = HttpErrorClassifier.unwrap(error);
            if (cause instanceof TimeoutException) {
                return CompletableFuture.<T>failedFuture(new UpstreamFailure(ErrorClass.TIMEOUT,
                        "model list not received within " + TIMEOUT.toSeconds() + " s"));
            }
            if (cause instanceof UpstreamFailure) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            return CompletableFuture.<T>failedFuture(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR,
                    Redaction.redact("model list failed: " + cause)));
        }).thenCompose(f -> f);
    }

    /** Joins a base URL and a path with exactly one slash. */
    public static URI join(String baseUrl, String path) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
