package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.ErrorClass;

class BreakerTest {

    private static final ScopeKey MODEL = ScopeKey.model("openrouter", 12, "vendor/x:free");
    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    private final List<BreakerTransition> events = new CopyOnWriteArrayList<>();
    private final BreakerConfig config = BreakerConfig.defaults();
    private final Breaker breaker = new Breaker(MODEL, config, events::add);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aDeadKeyOpensAtOnceForFifteenMinutesAndNotifiesOnce() {
        Breaker key = new Breaker(ScopeKey.credential("openai", 3), config, events::add);

        key.onFailure(ErrorClass.AUTH_ERROR, null, true, at(0));

        assertThat(key.state()).isEqualTo(BreakerState.OPEN);
        assertThat(key.openUntil()).isEqualTo(at(15 * 60));
        assertThat(key.reason()).startsWith("auth_error:").contains("15m");
        assertThat(key.tryAcquire(at(60))).isEqualTo(Permit.DENIED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(BreakerState.CLOSED);
            assertThat(e.to()).isEqualTo(BreakerState.OPEN);
            assertThat(e.permanent()).isTrue();
            assertThat(e.newPermanentTrip()).isTrue();
        });

        // the probe after the cooldown fails with the same dead key: re-opened, but no second notification
        assertThat(key.tryAcquire(at(15 * 60))).isEqualTo(Permit.PROBE);
        key.onFailure(ErrorClass.AUTH_ERROR, null, true, at(15 * 60 + 1));
        assertThat(key.state()).isEqualTo(BreakerState.OPEN);
        assertThat(events).filteredOn(BreakerTransition::newPermanentTrip).hasSize(1);
    }

    @Test
    void modelNotFoundGetsTheLongCooldown() {
        breaker.onFailure(ErrorClass.MODEL_NOT_FOUND, null, true, at(0));

        assertThat(breaker.openUntil()).isEqualTo(at(60 * 60));
    }

    @Test
    void twoTransientFailuresStayClosedTheThirdOpens() {
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(0));
        breaker.onFailure(ErrorClass.TIMEOUT, null, false, at(10));
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire(at(11))).isEqualTo(Permit.ALLOWED);
        assertThat(events).isEmpty();

        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(20));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.openUntil()).isEqualTo(at(50));
        assertThat(breaker.reason()).isEqualTo("upstream_error: 3 failures within 1m, cooldown 30s");
        assertThat(events).singleElement().satisfies(e -> assertThat(e.newPermanentTrip()).isFalse());
    }

    @Test
    void failuresOutsideTheWindowOrBrokenBySuccessDoNotAddUp() {
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(0));
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(30));
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(61)); // the first one has left the window
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);

        breaker.onSuccess(at(62));
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(63));
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(64));
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aRetryAfterOfDecadesOpensForTheCapOnly() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(1_000_000_000), false, at(0));
        assertThat(breaker.openUntil()).isEqualTo(at(3600));
        assertThat(breaker.reason()).isEqualTo("rate_limited: Retry-After 1h");

        Breaker strict = new Breaker(MODEL, new BreakerConfig(config.permanentCooldown(), config.modelNotFoundCooldown(),
                config.failureThreshold(), config.failureWindow(), config.transientCooldown(), config.maxTransientCooldown(),
                config.halfOpenProbeTimeout(), Duration.ofSeconds(90)), events::add);
        strict.onFailure(ErrorClass.RATE_LIMITED, org.llmgate.providers.HttpErrorClassifier.parseRetryAfter("soon"), false, at(0));
        assertThat(strict.openUntil()).as("an unreadable Retry-After counts as the cap").isEqualTo(at(90));
        strict.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(30), false, at(10));
        assertThat(strict.openUntil()).as("a shorter one never shortens it").isEqualTo(at(90));
    }

    @Test
    void retryAfterWindowThenOneProbeThenSuccessCloses() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(20), false, at(0));
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.openUntil()).isEqualTo(at(20));
        assertThat(breaker.reason()).isEqualTo("rate_limited: Retry-After 20s");

        assertThat(breaker.tryAcquire(at(19))).isEqualTo(Permit.DENIED);
        assertThat(breaker.tryAcquire(at(20))).isEqualTo(Permit.PROBE);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.tryAcquire(at(21))).as("second caller while the probe is out").isEqualTo(Permit.DENIED);

        breaker.onSuccess(at(22));

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.reason()).isNull();
        assertThat(breaker.openUntil()).isNull();
        assertThat(breaker.tryAcquire(at(23))).isEqualTo(Permit.ALLOWED);
        assertThat(events).extracting(BreakerTransition::to)
                .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void aRateLimitWithoutRetryAfterOpensAtOnceOnTheBackoff() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, null, false, at(0));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.openUntil()).isEqualTo(at(30));
    }

    @Test
    void exactlyOneOfManyConcurrentCallersGetsTheProbe() throws Exception {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(5), false, at(0));
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Permit>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return breaker.tryAcquire(at(6));
                }));
            }
            start.countDown();
            List<Permit> permits = new ArrayList<>();
            for (Future<Permit> answer : answers) {
                permits.add(answer.get(10, TimeUnit.SECONDS));
            }
            assertThat(permits).filteredOn(p -> p == Permit.PROBE).hasSize(1);
            assertThat(permits).filteredOn(p -> p == Permit.DENIED).hasSize(callers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedProbeReopensWithADoubledCooldownUpToTheCap() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, null, false, at(0)); // trip 1: 30 s
        assertThat(breaker.openUntil()).isEqualTo(at(30));

        assertThat(breaker.tryAcquire(at(30))).isEqualTo(Permit.PROBE);
        breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, at(31)); // trip 2: 60 s
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.openUntil()).isEqualTo(at(91));
        assertThat(breaker.reason()).isEqualTo("upstream_error: probe failed, backoff 1m");

        Instant t = at(91);
        List<Duration> cooldowns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            assertThat(breaker.tryAcquire(t)).isEqualTo(Permit.PROBE);
            breaker.onFailure(ErrorClass.UPSTREAM_ERROR, null, false, t);
            cooldowns.add(Duration.between(t, breaker.openUntil()));
            t = breaker.openUntil();
        }
        assertThat(cooldowns).containsExactly(Duration.ofSeconds(120), Duration.ofSeconds(240),
                Duration.ofSeconds(480), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10));

        // a success closes; tripping again soon after keeps the backoff, much later starts over
        assertThat(breaker.tryAcquire(t)).isEqualTo(Permit.PROBE);
        breaker.onSuccess(t);
        breaker.onFailure(ErrorClass.RATE_LIMITED, null, false, t.plusSeconds(60));
        assertThat(breaker.openUntil()).isEqualTo(t.plusSeconds(60).plus(Duration.ofMinutes(10)));
        Instant later = breaker.openUntil();
        assertThat(breaker.tryAcquire(later)).isEqualTo(Permit.PROBE);
        breaker.onSuccess(later);
        breaker.onFailure(ErrorClass.RATE_LIMITED, null, false, later.plus(Duration.ofHours(1)));
        assertThat(breaker.openUntil()).isEqualTo(later.plus(Duration.ofHours(1)).plusSeconds(30));
    }

    @Test
    void aProbeThatNeverReportsFreesTheSlotAfterTheTimeout() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(10), false, at(0));
        assertThat(breaker.tryAcquire(at(10))).isEqualTo(Permit.PROBE);

        assertThat(breaker.tryAcquire(at(10 + 119))).isEqualTo(Permit.DENIED);
        assertThat(breaker.tryAcquire(at(10 + 120))).isEqualTo(Permit.PROBE);
    }

    @Test
    void aLateSuccessWhileOpenDoesNotClose() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(60), false, at(0));

        breaker.onSuccess(at(1));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aLateFailureMayOnlyLengthenTheCooldown() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(60), false, at(0));

        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(5), false, at(1));
        assertThat(breaker.openUntil()).isEqualTo(at(60));

        breaker.onFailure(ErrorClass.MODEL_NOT_FOUND, null, true, at(2));
        assertThat(breaker.openUntil()).isEqualTo(at(2 + 3600));
        assertThat(events).last().satisfies(e -> {
            assertThat(e.from()).isEqualTo(BreakerState.OPEN);
            assertThat(e.to()).isEqualTo(BreakerState.OPEN);
            assertThat(e.newPermanentTrip()).isTrue();
        });
    }

    @Test
    void aTripCarriesItsClassAndTheCallThatCausedIt() {
        FailedCall call = new FailedCall("gpt-4o", 401, "Incorrect API key provided: sk-…");
        Breaker key = new Breaker(ScopeKey.credential("openai", 3), config, events::add);

        key.onFailure(ErrorClass.AUTH_ERROR, null, true, call, at(0));
        assertThat(key.tryAcquire(at(15 * 60))).isEqualTo(Permit.PROBE);
        key.onSuccess(at(15 * 60 + 1));

        assertThat(events).extracting(BreakerTransition::to)
                .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
        assertThat(events.get(0).cause()).isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(events.get(0).failedCall()).isEqualTo(call);
        assertThat(events.get(1).cause()).as("a probing breaker keeps its class").isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(events.get(1).failedCall()).as("no call failed").isNull();
        assertThat(events.get(2).cause()).isNull();
    }

    @Test
    void aStoredRowIsPermanentByItsClassAndARowWithoutOneIsTransient() {
        ScopeKey key = ScopeKey.credential("openai", 3);

        BreakerSnapshot dead = BreakerSnapshot.fromRow(key, BreakerState.OPEN, ErrorClass.AUTH_ERROR,
                "auth_error: permanent, cooldown 15m", at(900), 0, at(0));
        BreakerSnapshot unknown = BreakerSnapshot.fromRow(key, BreakerState.OPEN, null, "something", at(900), 0, at(0));
        BreakerSnapshot closed = BreakerSnapshot.fromRow(key, BreakerState.CLOSED, ErrorClass.AUTH_ERROR, null, null, 0, at(0));

        assertThat(dead.permanent()).isTrue();
        assertThat(dead.cause()).isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(unknown.permanent()).isFalse();
        assertThat(closed.permanent()).isFalse();
        assertThat(closed.cause()).isNull();
    }

    @Test
    void snapshotAndRestoreRoundTrip() {
        breaker.onFailure(ErrorClass.CREDIT_EXHAUSTED, null, true, at(0));
        BreakerSnapshot saved = breaker.snapshot();

        Breaker restored = Breaker.restore(saved, config, BreakerListener.NONE);

        assertThat(restored.snapshot()).isEqualTo(saved);
        assertThat(restored.state()).isEqualTo(BreakerState.OPEN);
        assertThat(restored.reason()).startsWith("credit_exhausted:");
        assertThat(restored.cause()).isEqualTo(ErrorClass.CREDIT_EXHAUSTED);
        assertThat(restored.tryAcquire(at(60))).isEqualTo(Permit.DENIED);
        assertThat(restored.tryAcquire(at(15 * 60))).isEqualTo(Permit.PROBE);
    }

    @Test
    void aRestoredHalfOpenStateHoldsBackUntilTheOtherInstancesProbeTimesOut() {
        BreakerSnapshot probing = new BreakerSnapshot(MODEL, BreakerState.HALF_OPEN, ErrorClass.RATE_LIMITED, "rate_limited: Retry-After 5s",
                at(5), false, 0, 4, at(5));

        Breaker restored = Breaker.restore(probing, config, BreakerListener.NONE);

        assertThat(restored.tryAcquire(at(6))).isEqualTo(Permit.DENIED);
        assertThat(restored.tryAcquire(at(5 + 120))).isEqualTo(Permit.PROBE);
    }

    @Test
    void theNewerSnapshotWinsAMerge() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(20), false, at(0)); // version 1
        BreakerSnapshot older = new BreakerSnapshot(MODEL, BreakerState.CLOSED, null, null, null, false, 0, 0, at(0));
        BreakerSnapshot newer = new BreakerSnapshot(MODEL, BreakerState.OPEN, ErrorClass.AUTH_ERROR, "auth_error: elsewhere",
                at(900), true, 0, 5, at(1));

        assertThat(breaker.merge(older)).isFalse();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.openUntil()).isEqualTo(at(20));

        assertThat(breaker.merge(newer)).isTrue();
        assertThat(breaker.snapshot()).isEqualTo(newer);
        assertThat(events).as("merged states are already persisted").hasSize(1);
    }

    @Test
    void aRowWithoutVersionWinsWhenItIsLater() {
        breaker.onFailure(ErrorClass.RATE_LIMITED, Duration.ofSeconds(20), false, at(0));
        breaker.tryAcquire(at(20));
        breaker.onSuccess(at(21)); // local version 3

        BreakerSnapshot row = BreakerSnapshot.fromRow(MODEL, BreakerState.OPEN, ErrorClass.MODEL_NOT_FOUND,
                "model_not_found: permanent, cooldown 1h", at(3622), 0, at(22));

        assertThat(row.permanent()).isTrue();
        assertThat(breaker.merge(row)).isTrue();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.merge(BreakerSnapshot.fromRow(MODEL, BreakerState.CLOSED, null, null, null, 0, at(21))))
                .as("an older row").isFalse();
    }

    @Test
    void aPermanentTripReadBackFromTheDatabaseIsNotNotifiedAgain() {
        ScopeKey key = ScopeKey.credential("openai", 3);
        BreakerSnapshot row = BreakerSnapshot.fromRow(key, BreakerState.OPEN, ErrorClass.AUTH_ERROR,
                "auth_error: permanent, cooldown 15m", at(900), 0, at(0));
        Breaker restored = Breaker.restore(row, config, events::add);

        assertThat(restored.tryAcquire(at(900))).isEqualTo(Permit.PROBE);
        restored.onFailure(ErrorClass.AUTH_ERROR, null, true, at(901));

        assertThat(events).extracting(BreakerTransition::newPermanentTrip).containsExactly(false, false);
    }

    @Test
    void configRejectsNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BreakerConfig(Duration.ZERO,
                        Duration.ofMinutes(1), 3, Duration.ofSeconds(60), Duration.ofSeconds(30),
                        Duration.ofMinutes(10), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(config.transientCooldownFor(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.transientCooldownFor(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.transientCooldownFor(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(config.transientCooldownFor(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.transientCooldownFor(1000)).isEqualTo(Duration.ofMinutes(10));
    }
}
