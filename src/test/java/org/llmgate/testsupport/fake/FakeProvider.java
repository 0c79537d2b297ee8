package org.llmgate.testsupport.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.JsonSupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Anthropic's model list pages hold at most 2 models (fewer if {@code limit} asks), so every
 * client paginates with {@code after_id}; the real API pages by {@code limit} (default 20).
 */
public final class FakeProvider implements AutoCloseable {

    public static final String OPENAI = "openai";
    public static final String COMPATIBLE = "openai-compatible";
    public static final String OPENROUTER = "openrouter";
    public static final String ANTHROPIC = "anthropic";

    private static final Map<String, String> PREFIXES = Map.of(
            OPENAI, "/openai/v1",
            COMPATIBLE, "/compatible/v1",
            OPENROUTER, "/openrouter/api/v1",
            ANTHROPIC, "/anthropic");
    private static final int ANTHROPIC_MAX_PAGE = 2;
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
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024); // OpenStreamsIT opens 1,000 at once
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
        String prefix = PREFIXES.get(provider);
        if (prefix == null) {
            throw new IllegalArgumentException("unknown provider " + provider + "; known: " + PREFIXES.keySet());
        }
        return "http://127.0.0.1:" + port() + prefix;
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
        if (!PREFIXES.containsKey(provider)) {
            throw new IllegalArgumentException("unknown provider " + provider);
        }
        catalogs.put(provider, List.copyOf(models));
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

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String provider = providerOf(uri.getPath());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            requests.add(new RecordedRequest(provider, exchange.getRequestMethod(), uri.toString(), headers, body));
            route(exchange, provider, uri, body);
        } catch (IOException clientWentAway) {
            // the adapter under test cancelled or timed out: nothing to answer
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private static String providerOf(String path) {
        for (Map.Entry<String, String> entry : PREFIXES.entrySet()) {
            if (path.startsWith(entry.getValue() + "/")) {
                return entry.getKey();
            }
        }
        return null;
    }

    private void route(HttpExchange exchange, String provider, URI uri, String body) throws IOException {
        if (provider == null) {
            sendJson(exchange, 404, JsonSupport.objectBuilder().add("error", "unknown path " + uri.getPath()).build(), null);
            return;
        }
        String path = uri.getPath().substring(PREFIXES.get(provider).length());
        String method = exchange.getRequestMethod();
        boolean catalog = method.equals("GET") && path.equals(ANTHROPIC.equals(provider) ? "/v1/models" : "/models");
        Endpoint endpoint = !method.equals("POST") ? null : switch (path) {
            case "/chat/completions" -> ANTHROPIC.equals(provider) ? null : Endpoint.CHAT_COMPLETIONS;
            case "/responses" -> ANTHROPIC.equals(provider) ? null : Endpoint.RESPONSES;
            case "/v1/messages" -> ANTHROPIC.equals(provider) ? Endpoint.MESSAGES : null;
            default -> null;
        };
        if (catalog) {
            catalogCalls.computeIfAbsent(provider, p -> new AtomicInteger()).incrementAndGet();
        }
        JsonObject request = endpoint == null ? null : JsonSupport.parseObjectOrNull(body);
        String model = request == null ? null : JsonSupport.string(request, "model");
        if (model != null) {
            calls.computeIfAbsent(model + "|" + endpoint, k -> new AtomicInteger()).incrementAndGet();
        }
        if (down) {
            sendError(exchange, FakeErrors.forStatus(provider, 503, null, model, null), null);
            return;
        }
        if (!catalog && endpoint == null) {
            sendError(exchange, FakeErrors.notFound(provider, uri.getPath()), null);
            return;
        }
        String apiKey = apiKey(exchange, provider);
        if (apiKey == null && !COMPATIBLE.equals(provider)) {
            sendError(exchange, FakeErrors.missingAuth(provider), null);
            return;
        }
        if (ANTHROPIC.equals(provider) && exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
            sendError(exchange, FakeErrors.anthropicMissingVersion(), null);
            return;
        }
        if (catalog) {
            serveCatalog(exchange, provider, uri);
            return;
        }
        if (model == null) {
            sendError(exchange, FakeErrors.badRequest(provider, request == null
                    ? "We could not parse the JSON body of your request." : "model: field required"), null);
            return;
        }
        Behavior behavior = behaviorFor(apiKey, model);
        if (behavior.onlyOn != null && behavior.onlyOn != endpoint && endpoint != Endpoint.MESSAGES) {
            sendError(exchange, FakeErrors.endpointUnsupported(provider, behavior.onlyOn), null);
            return;
        }
        new FakeChat(this, exchange, provider, endpoint, request, model, apiKey, behavior).run();
    }

    private static String apiKey(HttpExchange exchange, String provider) {
        if (ANTHROPIC.equals(provider)) {
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            return key == null || key.isBlank() ? null : key;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).strip();
        return key.isEmpty() ? null : key;
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

    static void sendError(HttpExchange exchange, FakeErrors.Reply reply, Duration retryAfter) throws IOException {
        sendJson(exchange, reply.status(), reply.body(), retryAfter);
    }

    // --- catalogs -------------------------------------------------------------------------------

    private void serveCatalog(HttpExchange exchange, String provider, URI uri) throws IOException {
        if (!catalogDelay.isZero() && awaitRelease(catalogDelay)) {
            return;
        }
        List<CatalogModel> models = catalogs.getOrDefault(provider, defaultCatalog(provider));
        JsonObject body = switch (provider) {
            case ANTHROPIC -> anthropicPage(models, query(uri));
            case OPENROUTER -> openRouterList(models);
            default -> openAiList(models, COMPATIBLE.equals(provider));
        };
        sendJson(exchange, 200, body, null);
    }

    private static JsonObject openAiList(List<CatalogModel> models, boolean vllm) {
        JsonArrayBuilder data = JsonSupport.arrayBuilder();
        for (CatalogModel model : models) {
            JsonObjectBuilder entry = JsonSupport.objectBuilder().add("id", model.id()).add("object", "model")
                    .add("created", 1_715_367_049L).add("owned_by", vllm ? "vllm" : "openai");
            if (vllm && model.contextWindow() != null) {
                entry.add("root", model.id()).addNull("parent").add("max_model_len", model.contextWindow());
            }
            data.add(entry);
        }
        return JsonSupport.objectBuilder().add("object", "list").add("data", data).build();
    }

    private static JsonObject openRouterList(List<CatalogModel> models) {
        JsonArrayBuilder data = JsonSupport.arrayBuilder();
        for (CatalogModel model : models) {
            JsonObjectBuilder entry = JsonSupport.objectBuilder().add("id", model.id()).add("canonical_slug", model.id())
                    .add("name", model.name() == null ? model.id() : model.name()).add("created", 1_715_367_049L)
                    .add("description", "A fake model.")
                    .add("architecture", JsonSupport.objectBuilder().add("modality", "text->text")
                            .add("input_modalities", JsonSupport.arrayBuilder().add("text"))
                            .add("output_modalities", JsonSupport.arrayBuilder().add("text"))
                            .add("tokenizer", "Other").addNull("instruct_type"));
            if (model.contextWindow() != null) {
                entry.add("context_length", model.contextWindow());
            } else {
                entry.addNull("context_length");
            }
            if (model.inputCentsPerMillion() != null || model.outputCentsPerMillion() != null) {
                entry.add("pricing", JsonSupport.objectBuilder()
                        .add("prompt", usdPerToken(model.inputCentsPerMillion()))
                        .add("completion", usdPerToken(model.outputCentsPerMillion()))
                        .add("request", "0").add("image", "0").add("web_search", "0").add("internal_reasoning", "0"));
            }
            entry.add("top_provider", JsonSupport.objectBuilder().add("is_moderated", false))
                    .addNull("per_request_limits")
                    .add("supported_parameters", JsonSupport.arrayBuilder().add("max_tokens").add("temperature"));
            data.add(entry);
        }
        return JsonSupport.objectBuilder().add("data", data).build();
    }

    /** Cents per million tokens as OpenRouter's price: a USD-per-token decimal string. */
    static String usdPerToken(BigDecimal centsPerMillion) {
        if (centsPerMillion == null) {
            return "0";
        }
        return centsPerMillion.divide(new BigDecimal("100000000"), MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
    }

    private static JsonObject anthropicPage(List<CatalogModel> models, Map<String, String> query) {
        int limit = ANTHROPIC_MAX_PAGE;
        try {
            limit = Math.max(1, Math.min(ANTHROPIC_MAX_PAGE, Integer.parseInt(query.getOrDefault("limit", "20"))));
        } catch (NumberFormatException ignored) {
            // keep the default
        }
        int from = 0;
        int to;
        String afterId = query.get("after_id");
        String beforeId = query.get("before_id");
        if (afterId != null) {
            from = indexOf(models, afterId) + 1;
            to = Math.min(models.size(), from + limit);
        } else if (beforeId != null) {
            to = Math.max(0, indexOf(models, beforeId));
            from = Math.max(0, to - limit);
        } else {
            to = Math.min(models.size(), limit);
        }
        if (from > to) {
            from = to;
        }
        List<CatalogModel> page = models.subList(from, to);
        JsonArrayBuilder data = JsonSupport.arrayBuilder();
        for (CatalogModel model : page) {
            JsonObjectBuilder entry = JsonSupport.objectBuilder().add("type", "model").add("id", model.id())
                    .add("display_name", model.name() == null ? model.id() : model.name())
                    .add("created_at", "2025-02-19T00:00:00Z");
            if (model.contextWindow() != null) {
                entry.add("max_input_tokens", model.contextWindow());
            }
            data.add(entry);
        }
        boolean hasMore = beforeId != null ? from > 0 : to < models.size();
        JsonObjectBuilder body = JsonSupport.objectBuilder().add("data", data).add("has_more", hasMore);
        if (page.isEmpty()) {
            body.addNull("first_id").addNull("last_id");
        } else {
            body.add("first_id", page.get(0).id()).add("last_id", page.get(page.size() - 1).id());
        }
        return body.build();
    }

    private static int indexOf(List<CatalogModel> models, String id) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).id().equals(id)) {
                return i;
            }
        }
        return models.size();
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
                query.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static List<CatalogModel> defaultCatalog(String provider) {
        List<CatalogModel> models = new ArrayList<>();
        switch (provider) {
            case ANTHROPIC -> {
                models.add(new CatalogModel("claude-opus-4-1-20250805", "Claude Opus 4.1", 200_000, null, null));
                models.add(new CatalogModel("claude-sonnet-4-20250514", "Claude Sonnet 4", 200_000, null, null));
                models.add(new CatalogModel("claude-3-5-haiku-20241022", "Claude Haiku 3.5", 200_000, null, null));
            }
            case OPENROUTER -> {
                models.add(new CatalogModel("meta-llama/llama-3.3-70b-instruct:free", "Meta: Llama 3.3 70B Instruct (free)",
                        131_072, BigDecimal.ZERO, BigDecimal.ZERO));
                models.add(new CatalogModel("openai/gpt-4o-mini", "OpenAI: GPT-4o-mini", 128_000,
                        new BigDecimal("15"), new BigDecimal("60")));
                models.add(new CatalogModel("anthropic/claude-sonnet-4", "Anthropic: Claude Sonnet 4", 200_000,
                        new BigDecimal("300"), new BigDecimal("1500")));
            }
            case COMPATIBLE -> models.add(new CatalogModel("meta-llama/Llama-3.1-8B-Instruct", null, 131_072, null, null));
            default -> {
                models.add(new CatalogModel("gpt-4o-mini", null, null, null, null));
                models.add(new CatalogModel("gpt-4.1", null, null, null, null));
                models.add(new CatalogModel("o3-pro", null, null, null, null));
            }
        }
        return models;
    }
}
