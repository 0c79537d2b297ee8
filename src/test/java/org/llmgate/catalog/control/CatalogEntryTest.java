package org.llmgate.catalog.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.UpstreamFailure;

class CatalogEntryTest {

    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration HOLD = Duration.ofSeconds(15);
    static final List<CatalogModel> MODELS = List.of(new CatalogModel("gpt-4o-mini", "gpt-4o-mini", null, null, null));

    final MutableClock clock = new MutableClock();
    final CatalogEntry entry = new CatalogEntry(clock);
    final AtomicInteger fetches = new AtomicInteger();

    CompletableFuture<CatalogListing> get(CompletableFuture<List<CatalogModel>> upstream) {
        return entry.get(TTL, HOLD, false, () -> {
            fetches.incrementAndGet();
            return upstream;
        });
    }

    @Test
    void a_second_call_within_the_ttl_makes_no_upstream_call() {
        get(CompletableFuture.completedFuture(MODELS)).join();
        clock.advance(TTL.minusSeconds(1));

        CatalogListing again = get(CompletableFuture.completedFuture(MODELS)).join();

        assertThat(fetches).hasValue(1);
        assertThat(again.stale()).isFalse();
        assertThat(again.models()).isEqualTo(MODELS);
    }

    @Test
    void after_the_ttl_the_provider_is_asked_again() {
        get(CompletableFuture.completedFuture(MODELS)).join();
        clock.advance(TTL);

        get(CompletableFuture.completedFuture(MODELS)).join();

        assertThat(fetches).hasValue(2);
    }

    @Test
    void twenty_concurrent_cold_misses_share_one_upstream_call() throws Exception {
        CompletableFuture<List<CatalogModel>> upstream = new CompletableFuture<>();
        List<CompletableFuture<CatalogListing>> callers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Thread t = new Thread(() -> {
                synchronized (callers) {
                    callers.add(get(upstream));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        upstream.complete(MODELS);

        assertThat(fetches).hasValue(1);
        assertThat(callers).hasSize(20).allSatisfy(c -> assertThat(c.join().models()).isEqualTo(MODELS));
    }

    @Test
    void a_failed_refresh_serves_the_last_good_list_as_stale_with_its_fetch_time() {
        Instant fetchedAt = clock.instant();
        get(CompletableFuture.completedFuture(MODELS)).join();
        clock.advance(TTL.plusSeconds(1));

        CatalogListing stale = get(CompletableFuture.failedFuture(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, 503, null, "down"))).join();

        assertThat(stale.stale()).isTrue();
        assertThat(stale.fetchedAt()).isEqualTo(fetchedAt);
        assertThat(stale.models()).isEqualTo(MODELS);
    }

    @Test
    void a_failure_without_a_good_list_fails_with_the_upstream_class_and_is_held_before_asking_again() {
        CompletableFuture<CatalogListing> first = get(CompletableFuture.failedFuture(new UpstreamFailure(ErrorClass.UNREACHABLE, "refused")));

        assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(UpstreamFailure.class, f -> assertThat(f.errorClass()).isEqualTo(ErrorClass.UNREACHABLE));

        clock.advance(HOLD.minusSeconds(1));
        assertThat(get(CompletableFuture.completedFuture(MODELS))).isCompletedExceptionally();
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(get(CompletableFuture.completedFuture(MODELS)).join().stale()).isFalse();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void refresh_skips_the_fresh_list_and_the_hold() {
        get(CompletableFuture.completedFuture(MODELS)).join();

        entry.get(TTL, HOLD, true, () -> {
            fetches.incrementAndGet();
            return CompletableFuture.completedFuture(MODELS);
        }).join();

        assertThat(fetches).hasValue(2);
    }

    @Test
    void a_fetch_that_throws_is_a_failure_not_an_exception_for_the_caller() {
        CompletableFuture<CatalogListing> result = entry.get(TTL, HOLD, false, () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(UpstreamFailure.class);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
