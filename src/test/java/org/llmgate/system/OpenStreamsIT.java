package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/**
 * SPEC §10: open streams hold no thread. The server runs with a request pool of 32 threads; 2,000
 * chats (issue 16's figure) wait together on an upstream that stays silent for 20 s, and every one of them gets its
 * first event well before that. A server holding a thread per stream could open only 32 at a time,
 * and one whose upstream client or writers grew a thread per stream (issue 16: 1,800 threads at
 * 2,000 streams) fails the thread bound.
 */
class OpenStreamsIT {

    static final int STREAMS = 2000;
    /** Issue 16's bound for 2,000 open streams; an idle server has about 130. */
    static final int MAX_SERVER_THREADS = 400;

    static Llmgate llmgate;
    /** Its own server: the shared one times silent upstreams out after 1.5 s, these must stay open. */
    static LlmgateServer server;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        // one organization holds every stream here: lift its open-chat limit (500 by default) above them
        server = LlmgateServer.start("streams", llmgate.dbUrl, llmgate.db, llmgate.dataDir, java.util.Map.of(
                "llmgate.upstream.first-byte-timeout-ms", "30000", "llmgate.upstream.idle-timeout-ms", "30000",
                "llmgate.max-open-chats-per-org", String.valueOf(STREAMS + 10)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void two_thousand_open_streams_cost_no_thread_each() throws Exception {
        Scenario s = new Scenario(llmgate);
        String slow = s.model("slow");
        s.hop(OPENAI, s.credential(OPENAI, s.key("k")), slow);
        s.fake().script(slow, Behavior.answer("late").delay(Duration.ofSeconds(20)));
        // warm-up on a quick model created after the slow one: once it answers, this server's
        // config snapshot holds both, and the run does not wait out the slow upstream twice
        Scenario w = new Scenario(llmgate);
        w.hop(OPENAI, w.credential(OPENAI, w.key("k")), w.model("quick"));
        // this server learns of changes made through the shared one within its config refresh (2 s)
        String warmUpBody = "{\"homeworkId\": " + w.homework + ", \"messages\": [{\"role\": \"user\", \"content\": \"warm-up\"}]}";
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    ChatStream warmUp = ChatStream.post(new Api(server.baseUrl()), warmUpBody, Api.ADMIN_AUTH);
                    return !warmUp.events().isEmpty() && warmUp.last().name().equals("done");
                });
        ServerProbe probe = new ServerProbe(server.pid());
        int before = probe.threads();
        long startedBefore = probe.threadsStarted();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch opened = new CountDownLatch(STREAMS);
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        String body = "{\"homeworkId\": " + s.homework + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        for (int i = 0; i < STREAMS; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/chat"))
                    .header("Content-Type", "application/json").header("Authorization", Api.ADMIN_AUTH)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            streams.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new EachLine(new FirstEvent(opened)::line))));
        }

        boolean allOpen = opened.await(18, TimeUnit.SECONDS);
        int during = new ServerProbe(server.pid()).threads();
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long started = probe.threadsStarted() - startedBefore;

        System.out.printf("open streams: %d (request pool %d), server threads before %d, with all streams open %d,"
                + " threads started meanwhile %d%n", STREAMS, LlmgateServer.MAX_HTTP_THREADS, before, during, started);
        assertThat(allOpen).as("every stream got its attempt event while the upstream was still silent").isTrue();
        assertThat(during - before).as("threads added for " + STREAMS + " open streams").isLessThan(100);
        assertThat(during).as("server threads with " + STREAMS + " streams open").isLessThan(MAX_SERVER_THREADS);
        // nor a short-lived thread per stream: the JDK HTTP client starts one per call on a one-worker common pool
        assertThat(started).as("threads the server started for " + STREAMS + " streams").isLessThan(200);
        assertThat(s.fake().calls(slow)).isEqualTo(STREAMS);
    }

    /** Counts a stream as open when its first SSE event line arrives. */
    private static final class FirstEvent {
        private final CountDownLatch opened;
        private boolean counted;

        FirstEvent(CountDownLatch opened) {
            this.opened = opened;
        }

        void line(String line) {
            if (!counted && line.startsWith("event:")) {
                counted = true;
                opened.countDown();
            }
        }
    }
}
