package org.llmgate.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;
import org.llmgate.providers.openai.OpenAiAdapter;

class StreamDeadlinesTest {

    /** A watched stream with a fixed deadline, counting how often the sweep hands it over. */
    static final class Due implements StreamDeadlines.Watched {
        final long dueAt;
        final AtomicInteger handed = new AtomicInteger();

        Due(long dueAt) {
            this.dueAt = dueAt;
        }

        @Override
        public long dueAt() {
            return dueAt;
        }

        @Override
        public void onDue() {
            handed.incrementAndGet();
        }
    }

    final StreamDeadlines deadlines = new StreamDeadlines(Runnable::run, Executors.defaultThreadFactory());

    @AfterEach
    void close() {
        deadlines.close();
    }

    @Test
    void the_sweep_hands_over_a_stream_whose_deadline_passed_once_and_leaves_one_not_yet_due() {
        long now = System.nanoTime();
        Due passed = new Due(now - 1);
        Due later = new Due(now + Duration.ofHours(1).toNanos());
        deadlines.watch(passed);
        deadlines.watch(later);

        deadlines.sweep();
        deadlines.sweep();

        assertThat(passed.handed).as("handed over once, however busy the handlers").hasValue(1);
        assertThat(later.handed).hasValue(0);
        assertThat(deadlines.watching()).as("only the one not yet due is still watched").isEqualTo(1);
    }

    @Test
    void an_unwatched_stream_is_not_handed_over() {
        Due passed = new Due(System.nanoTime() - 1);
        deadlines.watch(passed);
        deadlines.unwatch(passed);

        deadlines.sweep();

        assertThat(passed.handed).hasValue(0);
        assertThat(deadlines.watching()).isZero();
    }

    @Test
    void the_sweep_runs_by_itself_every_tick() throws InterruptedException {
        Due passed = new Due(System.nanoTime() - 1);
        deadlines.watch(passed);

        long bound = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (passed.handed.get() == 0 && System.nanoTime() - bound < 0) {
            Thread.sleep(StreamDeadlines.TICK.toMillis() / 5);
        }

        assertThat(passed.handed).hasPositiveValue();
    }

    @Test
    void every_way_a_stream_ends_takes_it_out_of_the_sweep() throws InterruptedException {
        FakeProvider fake = FakeProvider.start();
        UpstreamHttp http = new UpstreamHttp();
        try {
            OpenAiAdapter adapter = new OpenAiAdapter(http);
            String base = fake.baseUrl("openai");
            fake.script("answers", Behavior.answer("Hel", "lo"));
            fake.script("fails", Behavior.status(500));
            fake.script("hangs", Behavior.hang());
            fake.script("slow", Behavior.answer("a", "b").delay(Duration.ofSeconds(30)));

            RecordingListener answered = new RecordingListener();
            adapter.stream(Calls.call(base, "sk-test-0123456789abcdef", "answers", Endpoint.CHAT_COMPLETIONS), answered);
            RecordingListener failed = new RecordingListener();
            adapter.stream(Calls.call(base, "sk-test-0123456789abcdef", "fails", Endpoint.CHAT_COMPLETIONS), failed);
            RecordingListener timedOut = new RecordingListener();
            adapter.stream(Calls.withTimeouts(Calls.call(base, "sk-test-0123456789abcdef", "hangs", Endpoint.CHAT_COMPLETIONS),
                    Duration.ofMillis(300), Duration.ofMillis(300)), timedOut);
            StreamHandle cancelled = adapter.stream(Calls.call(base, "sk-test-0123456789abcdef", "slow", Endpoint.CHAT_COMPLETIONS),
                    new RecordingListener());

            assertThat(http.deadlines().watching()).as("all four are timed while open").isPositive();
            assertThat(answered.await(Duration.ofSeconds(5)).completed()).isTrue();
            assertThat(failed.await(Duration.ofSeconds(5)).failure().errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
            assertThat(timedOut.await(Duration.ofSeconds(5)).failure().errorClass()).isEqualTo(ErrorClass.TIMEOUT);
            cancelled.cancel();

            long bound = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (http.deadlines().watching() > 0 && System.nanoTime() - bound < 0) {
                Thread.sleep(20);
            }
            assertThat(http.deadlines().watching()).as("streams still watched after they ended").isZero();
        } finally {
            http.close();
            fake.close();
        }
    }
}
