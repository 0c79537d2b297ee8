package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/**
 * What llmgate adds to a chat: a client's time for a streamed chat through POST /api/chat, against
 * the upstream call's own duration as llmgate recorded it in {@code attempts.latency_ms}; the
 * difference is the relay's overhead (auth, resolution, chain walk, event writing). Then throughput
 * with 16 concurrent clients. A benchmark, not a test: it prints figures (docs/performance.md) and
 * asserts only that every chat answered. Not run by
 * {@code mvn verify}; run it with
 * {@code mvn verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RelayOverheadBenchmark}.
 */
class RelayOverheadBenchmark {

    static final int WARM_UP = 300;
    static final int SEQUENTIAL = 1000;
    static final int CONCURRENT_CLIENTS = 16;
    static final int CONCURRENT_CHATS = 4000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void relay_overhead() throws Exception {
        Llmgate llmgate = Llmgate.shared();
        Scenario s = new Scenario(llmgate);
        String model = s.model("bench");
        s.hop(OPENAI, s.credential(OPENAI, s.key("bench")), model);
        s.fake().script(model, Behavior.answer("The", " answer", " is", " 42", ".").usage(20, 5));

        HttpRequest direct = HttpRequest.newBuilder(URI.create(llmgate.fake.baseUrl(OPENAI) + "/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + s.key("bench"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model + "\", \"stream\": true,"
                        + " \"messages\": [{\"role\": \"user\", \"content\": \"What is the answer?\"}]}")).build();
        HttpRequest relayed = HttpRequest.newBuilder(URI.create(llmgate.api.baseUrl() + "/api/chat"))
                .header("Content-Type", "application/json").header("Authorization", Api.ADMIN_AUTH)
                .POST(HttpRequest.BodyPublishers.ofString("{\"homeworkId\": " + s.homework
                        + ", \"messages\": [{\"role\": \"user\", \"content\": \"What is the answer?\"}]}")).build();

        measure(relayed, WARM_UP);
        List<Long> relayedNanos = measure(relayed, SEQUENTIAL);
        List<Long> upstreamNanos = Database.awaitRows(llmgate, "SELECT latency_ms FROM attempts WHERE model = '" + model
                        + "' ORDER BY id DESC LIMIT " + SEQUENTIAL, SEQUENTIAL).stream()
                .map(ms -> Long.parseLong(ms) * 1_000_000).sorted().toList();
        double relayedRate = throughput(relayed);
        double directRate = throughput(direct);

        System.out.printf("%nRelay overhead, %d sequential chats (5-token streamed answer from the fake provider):%n", SEQUENTIAL);
        System.out.printf("  client, whole chat through llmgate: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms%n",
                ms(relayedNanos, 50), ms(relayedNanos, 95), ms(relayedNanos, 99));
        System.out.printf("  upstream call, as llmgate timed it: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms%n",
                ms(upstreamNanos, 50), ms(upstreamNanos, 95), ms(upstreamNanos, 99));
        System.out.printf("  added by llmgate:                   p50 %.2f ms  p95 %.2f ms%n",
                ms(relayedNanos, 50) - ms(upstreamNanos, 50), ms(relayedNanos, 95) - ms(upstreamNanos, 95));
        System.out.printf("Throughput, %d concurrent clients, %d chats: through llmgate %.0f chats/s"
                + " (the fake alone, same clients: %.0f/s)%n%n", CONCURRENT_CLIENTS, CONCURRENT_CHATS, relayedRate, directRate);
    }

    private List<Long> measure(HttpRequest request, int count) throws Exception {
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos.add(System.nanoTime() - started);
            assertThat(response.body()).contains("42");
        }
        Collections.sort(nanos);
        return nanos;
    }

    private double throughput(HttpRequest request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_CLIENTS);
        try {
            List<Callable<Boolean>> chats = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_CHATS; i++) {
                chats.add(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body().contains("42"));
            }
            long started = System.nanoTime();
            for (Future<Boolean> chat : clients.invokeAll(chats)) {
                assertThat(chat.get()).isTrue();
            }
            return CONCURRENT_CHATS / (Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        } finally {
            clients.shutdownNow();
        }
    }

    private static double ms(List<Long> sorted, int percentile) {
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(index) / 1_000_000.0;
    }
}
