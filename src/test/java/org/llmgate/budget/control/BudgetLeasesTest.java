package org.llmgate.budget.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llmgate.budget.entity.Budget;

/**
 * Slices of a budget handed out from memory, against a ledger that behaves like the database's
 * conditional upsert: one instance refuses exactly where a reservation per attempt would, several
 * together never grant more than the limit, the database is asked once per slice, and a lowered
 * limit stops a slice granted under the old one.
 */
class BudgetLeasesTest {

    static final Instant MONTH = Instant.parse("2026-11-01T00:00:00Z");
    static final Budget TEN_TOKENS_TIMES_100 = new Budget(7L, 1L, 10L, null, false, "month", null, 1000L);
    static final UsageKey ROW = new UsageKey(7, MONTH, "");
    static final Amount ATTEMPT = new Amount(BigDecimal.ZERO, 100);

    final FakeLedger ledger = new FakeLedger();
    final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void one_instance_grants_exactly_up_to_the_limit_asking_the_database_once_per_slice() throws Exception {
        BudgetLeases leases = leases(4);
        int granted = 0;
        for (int i = 0; i < 15; i++) {
            if (leases.reserve(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT) < 0) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(10);
        // slices of 4, 4, then the 2 that were left one by one; then refusals that each ask again
        assertThat(ledger.grants.get()).isEqualTo(4);
        assertThat(ledger.reserved(ROW)).isEqualTo(1000);
    }

    @Test
    void slices_fetched_ahead_grow_keep_chats_off_the_database_and_still_stop_exactly_at_the_limit() throws Exception {
        Budget hundredAttempts = new Budget(7L, 1L, 10L, null, false, "month", null, 10_000L);
        ledger.limit = 10_000;
        BudgetLeases leases = leases(4);
        leases.background = new org.llmgate.platform.Background() {
            @Override
            public void soon(String name, Runnable job) {
                job.run();
            }
        };
        List<Integer> grantsPerAttempt = new ArrayList<>();
        int granted = 0;
        for (int i = 0; i < 120; i++) {
            int before = ledger.grants.get();
            if (leases.reserve(List.of(hundredAttempts), List.of(ROW), ATTEMPT) < 0) {
                granted++;
            }
            grantsPerAttempt.add(ledger.grants.get() - before);
        }
        assertThat(granted).isEqualTo(100);
        assertThat(ledger.reserved(ROW)).isEqualTo(10_000);
        // the first slice (4) on the chat's path; then, half used each time, 8 fetched ahead during the
        // third attempt and 16 during the ninth: slices double while they are used
        assertThat(grantsPerAttempt.subList(0, 10)).containsExactly(1, 0, 1, 0, 0, 0, 0, 0, 1, 0);
        assertThat(ledger.grants.get()).isLessThan(12);
    }

    @Test
    void what_an_attempt_did_not_use_serves_the_next_one_and_spending_is_written_by_the_flush() throws Exception {
        BudgetLeases leases = leases(4);
        assertThat(leases.reserve(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT)).isEqualTo(-1);
        leases.settle(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT, new Amount(BigDecimal.ZERO, 30));
        assertThat(ledger.spent(ROW)).isZero();

        assertThat(leases.flush(false)).isTrue();
        assertThat(ledger.spent(ROW)).isEqualTo(30);
        assertThat(ledger.reserved(ROW)).isEqualTo(370);

        assertThat(leases.flush(true)).isTrue();
        assertThat(ledger.reserved(ROW)).isZero();
        int granted = 0;
        for (int i = 0; i < 15; i++) {
            if (leases.reserve(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT) < 0) {
                granted++;
            }
        }
        // 970 left: nine whole attempts
        assertThat(granted).isEqualTo(9);
    }

    @Test
    void two_instances_with_many_concurrent_attempts_never_grant_more_than_the_limit() throws Exception {
        List<BudgetLeases> instances = List.of(leases(8), leases(8));
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            BudgetLeases instance = instances.get(i % 2);
            attempts.add(pool.submit(() -> {
                go.await();
                if (instance.reserve(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT) < 0) {
                    granted.incrementAndGet();
                    instance.settle(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT, ATTEMPT);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> attempt : attempts) {
            attempt.get(10, TimeUnit.SECONDS);
        }
        instances.forEach(leases -> leases.flush(true));

        // both instances want more than there is, so every slice is used: exactly the limit, never more
        assertThat(granted.get()).isEqualTo(10);
        assertThat(ledger.spent(ROW)).isEqualTo(1000);
        assertThat(ledger.reserved(ROW)).isZero();
    }

    @Test
    void a_lowered_limit_stops_the_slice_granted_under_the_old_one() throws Exception {
        BudgetLeases leases = leases(8);
        assertThat(leases.reserve(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT)).isEqualTo(-1);
        Budget lowered = new Budget(7L, 1L, 10L, null, false, "month", null, 150L);
        ledger.limit = 150;

        // 800 held: the slice goes back and the database, at 100 + 700 held of 150, refuses
        assertThat(leases.reserve(List.of(lowered), List.of(ROW), ATTEMPT)).isEqualTo(0);
        leases.flush(false);
        assertThat(ledger.reserved(ROW)).isEqualTo(100);
        assertThat(leases.reserve(List.of(lowered), List.of(ROW), ATTEMPT)).isEqualTo(0);
    }

    @Test
    void a_failed_write_keeps_the_spending_for_the_next_flush() throws Exception {
        BudgetLeases leases = leases(2);
        leases.reserve(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT);
        leases.settle(List.of(TEN_TOKENS_TIMES_100), List.of(ROW), ATTEMPT, ATTEMPT);
        ledger.down = true;
        assertThat(leases.flush(true)).isFalse();
        ledger.down = false;
        assertThat(leases.flush(true)).isTrue();
        assertThat(ledger.spent(ROW)).isEqualTo(100);
        assertThat(ledger.reserved(ROW)).isZero();
    }

    private BudgetLeases leases(int attempts) {
        BudgetLeases leases = new BudgetLeases();
        leases.ledger = ledger;
        leases.warnings = new BudgetWarnings() {
            @Override
            void check(List<Budget> budgets, List<UsageKey> keys, List<BudgetLedger.Spent> after) {
                // notifications are another test's business
            }
        };
        leases.leaseAttempts = attempts;
        return leases;
    }

    /** The database's conditional upsert and release on a token limit, serialised like its row lock. */
    static final class FakeLedger extends BudgetLedger {
        final Map<UsageKey, long[]> rows = new HashMap<>();
        final AtomicInteger grants = new AtomicInteger();
        volatile long limit = 1000;
        volatile boolean down;

        @Override
        public synchronized int reserve(List<UsageKey> keys, List<Amount> amounts) {
            for (int i = 0; i < keys.size(); i++) {
                long[] row = rows.computeIfAbsent(keys.get(i), k -> new long[2]);
                if (row[0] + row[1] + amounts.get(i).tokens() > limit) {
                    return i;
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                rows.get(keys.get(i))[1] += amounts.get(i).tokens();
            }
            grants.incrementAndGet();
            return -1;
        }

        @Override
        public synchronized List<Spent> release(List<Release> releases) throws java.sql.SQLException {
            if (down) {
                throw new java.sql.SQLException("connection refused");
            }
            List<Spent> after = new ArrayList<>();
            for (Release r : releases) {
                long[] row = rows.computeIfAbsent(r.key(), k -> new long[2]);
                row[0] += r.spent().tokens();
                row[1] = Math.max(0, row[1] - r.spent().tokens() - r.returned().tokens());
                after.add(new Spent(BigDecimal.ZERO, row[0]));
            }
            return after;
        }

        synchronized long spent(UsageKey key) {
            return rows.getOrDefault(key, new long[2])[0];
        }

        synchronized long reserved(UsageKey key) {
            return rows.getOrDefault(key, new long[2])[1];
        }
    }
}
