package org.llmgate.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's upstream: OpenAI's chat completions wire format with answers prepared once, so
 * the upstream itself costs next to nothing and the difference between a direct call and a call
 * through llmgate is llmgate's. A model whose name contains {@code slow} streams its tokens
 * {@link #SLOW_GAP_MS} apart from a timer, holding no thread per stream, so thousands can be open.
 */
final class BenchUpstream implements AutoCloseable {

    static final int TOKENS = 20;
    static final long SLOW_GAP_MS = 200;
    /** What the first token looks like on the wire, direct or relayed: the clients time its arrival. */
    static final String FIRST_TOKEN = "tok0";

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    /** When each slow stream's request reached this upstream (System.nanoTime: the client's clock too). */
    private final ConcurrentLinkedQueue<Long> slowArrivals = new ConcurrentLinkedQueue<>();
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("bench-upstream"));
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("bench-upstream-timer"));

    private BenchUpstream() throws IOException {
        // without it the JDK server's header and body writes meet the client's delayed ACK: 40 ms a call
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // a provider keeps idle connections open for reuse; the JDK's server closes all but 200 of them, so 2,000
        // streams opened again found 1,800 connections gone, on the direct side and through llmgate alike
        System.setProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(4 * RelayOverheadBenchmark.SLOW_STREAMS));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    static BenchUpstream start() {
        try {
            return new BenchUpstream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the benchmark upstream", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The slow requests' arrival times since the last call, and forgets them. */
    List<Long> takeSlowArrivals() {
        List<Long> taken = new ArrayList<>();
        for (Long at = slowArrivals.poll(); at != null; at = slowArrivals.poll()) {
            taken.add(at);
        }
        return taken;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
            answer(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":[]}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String model = model(body);
        if (!body.replace(" ", "").contains("\"stream\":true")) {
            answer(exchange, 200, "application/json", completion(model));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        byte[][] frames = frames(model);
        if (model.contains("slow")) {
            slowArrivals.add(arrived);
            new SlowStream(exchange, frames).next();
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte[] frame : frames) {
                out.write(frame);
                out.flush(); // a frame per token, as a provider sends them
            }
        }
    }

    /** Writes one frame per timer tick and returns the thread; the exchange stays open in between. */
    private final class SlowStream {
        private final HttpExchange exchange;
        private final byte[][] frames;
        private int sent;

        SlowStream(HttpExchange exchange, byte[][] frames) {
            this.exchange = exchange;
            this.frames = frames;
        }

        void next() {
            try {
                OutputStream out = exchange.getResponseBody();
                out.write(frames[sent++]);
                out.flush();
                if (sent == frames.length) {
                    exchange.close();
                } else {
                    // the last token and the end marker go together
                    timer.schedule(this::next, sent < TOKENS ? SLOW_GAP_MS : 0, TimeUnit.MILLISECONDS);
                }
            } catch (IOException e) {
                exchange.close();
            }
        }
    }

    private static byte[][] frames(String model) {
        byte[][] frames = new byte[TOKENS + 2][];
        for (int i = 0; i < TOKENS; i++) {
            frames[i] = ("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                    + model + "\",\"choices\":[{\"index\":0,\"delta\":{" + (i == 0 ? "\"role\":\"assistant\"," : "")
                    + "\"content\":\"tok" + i + " \"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
        }
        frames[TOKENS] = ("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}\n\n").getBytes(StandardCharsets.UTF_8);
        frames[TOKENS + 1] = DONE;
        return frames;
    }

    private static byte[] completion(String model) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < TOKENS; i++) {
            text.append("tok").append(i).append(' ');
        }
        return ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,"
                + "\"total_tokens\":30}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String model(String body) {
        int key = body.indexOf("\"model\"");
        int start = body.indexOf('"', body.indexOf(':', key) + 1) + 1;
        return body.substring(start, body.indexOf('"', start));
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        handlers.shutdownNow();
    }
}
