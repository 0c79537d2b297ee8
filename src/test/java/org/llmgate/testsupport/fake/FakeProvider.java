package org.llmgate.testsupport.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;
import org.llmgate.testsupport.fake.anthropic.AnthropicWire;
import org.llmgate.testsupport.fake.compatible.CompatibleWire;
import org.llmgate.testsupport.fake.openai.OpenAiWire;
import org.llmgate.testsupport.fake.openrouter.OpenRouterWire;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for OpenAI, OpenAI-compatible servers, OpenRouter and Anthropic that speaks
 * their real wire formats, statuses, headers and error bodies, scripted per model or per key.
 *
 * <pre>{@code
 * try (FakeProvider fake = FakeProvider.start()) {
 *     fake.script("gpt-4o", Behavior.status(429).retryAfter(Duration.ofSeconds(30)));
 *     fake.scriptKey("sk-dead", Behavior.status(401));
 *     String base = fake.baseUrl("openai");   // http://127.0.0.1:P/openai/v1
 *     ...
 *     assertThat(fake.calls("gpt-4o")).isEqualTo(1);
 * }
 * }</pre>
 *
 * Unscripted models answer "Hello", " from ", model — unless their name asks for a failure, so a
 * human can try fallbacks with curl against {@link FakeProviderMain}: {@code always-429} (Retry-After
 * 30), {@code always-401}, {@code always-402}, {@code always-500}, {@code always-529},
 * {@code empty}, {@code hang}, {@code responses-only}.
 *
 * <p>What is common to all providers (scripts, counts, recorded requests, hanging, being down) is
 * here and in {@link FakeChat}; how each provider speaks is its {@link ProviderWire}, chosen once
 * from the request path. A new provider is one more wire in {@link #WIRES}.
 */
public final class FakeProvider implements AutoCloseable {

    public static final String OPENAI = "openai";
    public static final String COMPATIBLE = "openai-compatible";
    public static final String OPENROUTER = "openrouter";
    public static final String ANTHROPIC = "anthropic";

    private static final List<ProviderWire> WIRES = List.of(
            new OpenAiWire(), new CompatibleWire(), new OpenRouterWire(), new AnthropicWire());
    private static final Duration HANG_LIMIT = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Behavior> modelScripts = new ConcurrentHashMap<>();
    private final Map<String, Behavior> keyScripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> catalogCalls = new ConcurrentHashMap<>();
    private final Map<String, List<CatalogModel>> catalogs = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile Duration catalogDelay = Duration.ZERO;
    private volatile CountDownLatch release = new CountDownLatch(1);

    private FakeProvider(int port) throws IOException {
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-provider");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096); // OpenStreamsIT opens 2,000 at once
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeProvider start() {
        return start(0);
    }

    public static FakeProvider start(int port) {
        try {
            return new FakeProvider(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake provider on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL as the provider's SDK convention has it: openai → {@code http://127.0.0.1:P/openai/v1}, anthropic without version path. */
    public String baseUrl(String provider) {
        return "http://127.0.0.1:" + port() + wire(provider).pathPrefix();
    }

    /** What calls for this model do, whatever the key. */
    public void script(String model, Behavior behavior) {
        modelScripts.put(model, behavior);
    }

    /** What calls with this key do; wins over {@link #script}. */
    public void scriptKey(String apiKey, Behavior behavior) {
        keyScripts.put(apiKey, behavior);
    }

    /** Chat calls for this model on any endpoint and provider. */
    public int calls(String model) {
        int total = 0;
        for (Endpoint endpoint : Endpoint.values()) {
            total += calls(model, endpoint);
        }
        return total;
    }

    public int calls(String model, Endpoint endpoint) {
        AtomicInteger count = calls.get(model + "|" + endpoint);
        return count == null ? 0 : count.get();
    }

    /** Model list requests for this provider (each Anthropic page counts). */
    public int catalogCalls(String provider) {
        AtomicInteger count = catalogCalls.get(provider);
        return count == null ? 0 : count.get();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The model list served for this provider, in its real format. */
    public void setCatalog(String provider, List<CatalogModel> models) {
        catalogs.put(wire(provider).id(), List.copyOf(models));
    }

    /** While down, every request gets 503 with the provider's error body. */
    public void setDown(boolean down) {
        this.down = down;
    }

    public void setCatalogDelay(Duration delay) {
        this.catalogDelay = delay == null ? Duration.ZERO : delay;
    }

    /** Forgets scripts, counts, requests, catalogs and delays; hanging responses are released. */
    public void reset() {
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
        modelScripts.clear();
        keyScripts.clear();
        calls.clear();
        catalogCalls.clear();
        catalogs.clear();
        requests.clear();
        down = false;
        catalogDelay = Duration.ZERO;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // --- request handling -----------------------------------------------------------------------

    private static ProviderWire wire(String provider) {
        return WIRES.stream().filter(wire -> wire.id().equals(provider)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown provider " + provider + "; known: "
                        + WIRES.stream().map(ProviderWire::id).toList()));
    }

    private static ProviderWire wireAt(String path) {
        return WIRES.stream().filter(wire -> path.startsWith(wire.pathPrefix() + "/")).findFirst().orElse(null);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            ProviderWire wire = wireAt(uri.getPath());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            requests.add(new RecordedRequest(wire == null ? null : wire.id(), exchange.getRequestMethod(), uri.toString(), headers, body,
                    String.valueOf(exchange.getRemoteAddress())));
            route(exchange, wire, uri, body);
        } catch (IOException clientWentAway) {
            // the adapter under test cancelled or timed out: nothing to answer
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private void route(HttpExchange exchange, ProviderWire wire, URI uri, String body) throws IOException {
        if (wire == null) {
            sendJson(exchange, 404, JsonSupport.objectBuilder().add("error", "unknown path " + uri.getPath()).build(), null);
            return;
        }
        String path = uri.getPath().substring(wire.pathPrefix().length());
        String method = exchange.getRequestMethod();
        boolean catalog = method.equals("GET") && path.equals(wire.catalogPath());
        Endpoint endpoint = method.equals("POST") ? wire.chatEndpointAt(path) : null;
        if (catalog) {
            catalogCalls.computeIfAbsent(wire.id(), p -> new AtomicInteger()).incrementAndGet();
        }
        JsonObject request = endpoint == null ? null : JsonSupport.parseObjectOrNull(body);
        String model = request == null ? null : JsonSupport.string(request, "model");
        if (model != null) {
            calls.computeIfAbsent(model + "|" + endpoint, k -> new AtomicInteger()).incrementAndGet();
        }
        if (down) {
            sendError(exchange, wire.statusError(503, null, model, null), null);
            return;
        }
        if (!catalog && endpoint == null) {
            sendError(exchange, wire.requestError(404, "Invalid URL (" + uri.getPath() + ")"), null);
            return;
        }
        String apiKey = wire.apiKey(exchange.getRequestHeaders());
        ErrorReply refusal = wire.refusal(exchange.getRequestHeaders(), apiKey);
        if (refusal != null) {
            sendError(exchange, refusal, null);
            return;
        }
        if (catalog) {
            serveCatalog(exchange, wire, uri);
            return;
        }
        if (model == null) {
            sendError(exchange, wire.requestError(400, request == null
                    ? "We could not parse the JSON body of your request." : "model: field required"), null);
            return;
        }
        Behavior behavior = behaviorFor(apiKey, model);
        if (behavior.onlyOn != null && behavior.onlyOn != endpoint && endpoint != Endpoint.MESSAGES) {
            sendError(exchange, wire.endpointUnsupported(behavior.onlyOn), null);
            return;
        }
        new FakeChat(this, exchange, wire, endpoint, request, model, apiKey, behavior).run();
    }

    private Behavior behaviorFor(String apiKey, String model) {
        Behavior byKey = apiKey == null ? null : keyScripts.get(apiKey);
        if (byKey != null) {
            return byKey;
        }
        Behavior byModel = modelScripts.get(model);
        return byModel != null ? byModel : conventionFor(model);
    }

    /** Failures asked for by the model's name, for manual tries against {@link FakeProviderMain}. */
    static Behavior conventionFor(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.contains("always-429")) {
            return Behavior.status(429).retryAfter(Duration.ofSeconds(30));
        }
        if (name.contains("always-401")) {
            return Behavior.status(401);
        }
        if (name.contains("always-402")) {
            return Behavior.status(402);
        }
        if (name.contains("always-500")) {
            return Behavior.status(500);
        }
        if (name.contains("always-529")) {
            return Behavior.status(529);
        }
        if (name.contains("responses-only")) {
            return Behavior.responsesOnly();
        }
        if (name.contains("empty")) {
            return Behavior.empty();
        }
        if (name.contains("hang")) {
            return Behavior.hang();
        }
        return Behavior.answer();
    }

    /** Blocks a handler thread until the fake is reset or closed (or the limit passes); true when released. */
    boolean awaitRelease(Duration limit) {
        try {
            return release.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    void hangUntilReleased() {
        awaitRelease(HANG_LIMIT);
    }

    static void sendJson(HttpExchange exchange, int status, JsonObject body, Duration retryAfter) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(0, retryAfter.toSeconds())));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange exchange, ErrorReply reply, Duration retryAfter) throws IOException {
        sendJson(exchange, reply.status(), reply.body(), retryAfter);
    }

    // --- catalogs -------------------------------------------------------------------------------

    private void serveCatalog(HttpExchange exchange, ProviderWire wire, URI uri) throws IOException {
        if (!catalogDelay.isZero() && awaitRelease(catalogDelay)) {
            return;
        }
        List<CatalogModel> models = catalogs.getOrDefault(wire.id(), wire.defaultCatalog());
        sendJson(exchange, 200, wire.catalog(models, query(uri)), null);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
