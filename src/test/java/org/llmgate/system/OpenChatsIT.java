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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.llmgate.testsupport.fake.Behavior;

/**
 * The open-chat gate (issue 11) and the graceful stop (issue 15) on one server whose limit is five
 * open chats per organization. The stop test runs last: it stops the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenChatsIT {

    static final int LIMIT = 5;
    static final Duration SLOW = Duration.ofSeconds(5);

    static Llmgate llmgate;
    static LlmgateServer server;
    static Api api;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        server = LlmgateServer.start("open-chats", llmgate.dbUrl, llmgate.db, llmgate.dataDir, Map.of(
                "llmgate.upstream.first-byte-timeout-ms", "30000", "llmgate.upstream.idle-timeout-ms", "30000",
                "llmgate.max-open-chats-per-org", String.valueOf(LIMIT)));
        api = new Api(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void an_organization_past_its_limit_gets_429_with_retry_after_while_another_is_answered() throws Exception {
        Homework busy = Homework.create(llmgate, api, "slow");
        llmgate.fake.script(busy.model, Behavior.answer("late").delay(SLOW));
        Homework other = Homework.create(llmgate, api, "quick");

        List<OpenStream> open = busy.open(LIMIT);
        assertThat(OpenStream.awaitOpened(open, Duration.ofSeconds(15))).as("the first five chats opened").isTrue();
        Api.Reply refused = api.send("POST", "chat", busy.chatBody(), Api.ADMIN_AUTH, "application/json");
        Api.Reply refusedOpenAi = api.send("POST", "v1/chat/completions", "{\"model\": \"homework:" + busy.id
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", Api.ADMIN_AUTH, "application/json");
        ChatStream answered = ChatStream.post(api, other.chatBody(), Api.ADMIN_AUTH);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(refusedOpenAi.status()).as("the OpenAI-compatible endpoint, same gate").isEqualTo(429);
        assertThat(refusedOpenAi.header("Retry-After")).isPresent();
        assertThat(answered.last().name()).as("the other organization's chat").isEqualTo("done");
        for (OpenStream stream : open) {
            List<ChatStream.Event> events = stream.events(Duration.ofSeconds(30));
            assertThat(events).isNotEmpty();
            assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
        }
        assertThat(llmgate.fake.calls(busy.model)).isEqualTo(LIMIT);
    }

    @Test
    @Order(2)
    void sigterm_during_fifty_open_slow_streams_ends_each_with_an_event_and_keeps_their_attempts() throws Exception {
        List<Homework> homeworks = new ArrayList<>();
        List<OpenStream> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Homework h = Homework.create(llmgate, api, "drain");
            llmgate.fake.script(h.model, Behavior.answer("finished", " in", " time").delay(SLOW));
            homeworks.add(h);
        }
        Homework late = Homework.create(llmgate, api, "late");
        // the spending of five of them is held in this instance's budget slice until the stop writes it
        Homework budgeted = homeworks.get(0);
        long budget = api.create("admin/budgets", jakarta.json.Json.createObjectBuilder().add("organizationId", budgeted.organization)
                .add("homeworkId", budgeted.id).add("limitTokens", 1_000_000).build());
        for (Homework h : homeworks) {
            open.addAll(h.open(LIMIT));
        }
        assertThat(OpenStream.awaitOpened(open, Duration.ofSeconds(20))).as("all 50 streams opened").isTrue();

        server.process().destroy();
        Api.Reply duringStop = awaitRefusal(late);
        List<String> endings = new ArrayList<>();
        for (OpenStream stream : open) {
            List<ChatStream.Event> events = stream.events(Duration.ofSeconds(60));
            endings.add(events.isEmpty() ? "nothing" : events.get(events.size() - 1).name());
        }
        boolean exited = server.process().waitFor(60, TimeUnit.SECONDS);

        System.out.printf("SIGTERM with 50 open streams: endings %s; a new chat meanwhile got %d %s%n",
                endings.stream().distinct().toList(), duringStop.status(), duringStop.header("Retry-After").orElse(""));
        assertThat(endings).as("every stream ended with done or error").allMatch(e -> e.equals("done") || e.equals("error"));
        assertThat(endings).as("streams finished within the drain bound").containsOnly("done");
        assertThat(duringStop.status()).as("a new chat while draining").isEqualTo(503);
        assertThat(duringStop.header("Retry-After")).isPresent();
        assertThat(exited).as("the server exited after draining").isTrue();
        String models = String.join("','", homeworks.stream().map(h -> h.model).toList());
        List<String> recorded = Database.rows(llmgate,
                "SELECT count(DISTINCT request_id) FROM attempts WHERE model IN ('" + models + "') AND outcome = 'success'");
        assertThat(recorded).containsExactly("50");
        List<String> spentByAttempts = Database.rows(llmgate, "SELECT sum(input_tokens + output_tokens) FROM attempts"
                + " WHERE model = '" + budgeted.model + "' AND outcome = 'success'");
        List<String> budgetRow = Database.rows(llmgate,
                "SELECT spent_tokens || ' ' || reserved_tokens FROM budget_usage WHERE budget_id = " + budget);
        assertThat(budgetRow).as("spent = what the attempts used, nothing left reserved")
                .containsExactly(spentByAttempts.get(0) + " 0");
    }

    /** A new chat sent right after SIGTERM, repeated until the server refuses it (bounded). */
    private static Api.Reply awaitRefusal(Homework homework) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Api.Reply last = null;
        while (System.nanoTime() < deadline) {
            last = api.send("POST", "chat", homework.chatBody(), Api.ADMIN_AUTH, "application/json");
            if (last.status() != 200) {
                return last;
            }
            Thread.sleep(50);
        }
        return last;
    }

    /** One organization, course and homework, made through this server, whose config uses a fresh model. */
    record Homework(long organization, long id, String model) {

        static Homework create(Llmgate llmgate, Api api, String name) {
            Fixtures fixtures = new Fixtures(api);
            long organization = fixtures.organization();
            long homework = fixtures.homework(fixtures.course(organization));
            String model = Fixtures.unique(name);
            long credential = fixtures.credential(organization, OPENAI, "sk-test-" + model + "-0123456789abcdef",
                    llmgate.fake.baseUrl(OPENAI));
            fixtures.assignHomework(homework, fixtures.config(organization, OPENAI, credential, model, null));
            return new Homework(organization, homework, model);
        }

        String chatBody() {
            return "{\"homeworkId\": " + id + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        }

        List<OpenStream> open(int count) {
            List<OpenStream> streams = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                streams.add(OpenStream.post(chatBody()));
            }
            return streams;
        }
    }

    /** A chat stream read as it arrives: opened at its first event, its events parsed when it ends. */
    static final class OpenStream implements Flow.Subscriber<String> {
        private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        final CountDownLatch opened = new CountDownLatch(1);
        final StringBuilder body = new StringBuilder();
        CompletableFuture<HttpResponse<Void>> response;

        static OpenStream post(String json) {
            OpenStream stream = new OpenStream();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/chat"))
                    .header("Content-Type", "application/json").header("Authorization", Api.ADMIN_AUTH)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            stream.response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(stream));
            return stream;
        }

        static boolean awaitOpened(List<OpenStream> streams, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            for (OpenStream stream : streams) {
                if (!stream.opened.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        }

        /** The events once the stream has ended (a cut connection ends it too), waiting at most {@code bound}. */
        List<ChatStream.Event> events(Duration bound) {
            try {
                response.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // cut or still open: what arrived is what the client saw
            }
            synchronized (body) {
                return ChatStream.parse(body.toString());
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            synchronized (body) {
                body.append(line).append('\n');
            }
            if (line.startsWith("event:")) {
                opened.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the events read so far tell the test what the client saw
        }

        @Override
        public void onComplete() {
            // events() reads the body
        }
    }
}
