package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.ErrorClass;

class BreakerRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");
    private static final String OPENROUTER = "https://openrouter.ai/api/v1";

    private final List<BreakerTransition> events = new ArrayList<>();
    private final BreakerRegistry registry = new BreakerRegistry(BreakerConfig.defaults(), events::add);

    private final HopTarget paid = new HopTarget("openrouter", 12, OPENROUTER, "anthropic/claude-sonnet", false);
    private final HopTarget paidSibling = new HopTarget("openrouter", 12, OPENROUTER, "openai/gpt-4o", false);
    private final HopTarget freeSibling = new HopTarget("openrouter", 12, OPENROUTER, "meta/llama:free", true);
    private final HopTarget otherKey = new HopTarget("openrouter", 13, OPENROUTER, "openai/gpt-4o", false);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void anOutOfCreditKeySkipsItsPaidModelsButNotItsFreeOnes() {
        registry.recordFailure(paid, ErrorClass.CREDIT_EXHAUSTED, null, at(0));

        assertThat(registry.tryAcquire(paid, at(1))).isEqualTo(Permit.DENIED);
        assertThat(registry.tryAcquire(paidSibling, at(1))).isEqualTo(Permit.DENIED);
        assertThat(registry.tryAcquire(freeSibling, at(1))).isEqualTo(Permit.ALLOWED);
        assertThat(registry.tryAcquire(otherKey, at(1))).isEqualTo(Permit.ALLOWED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo(ScopeKey.credit("openrouter", 12));
            assertThat(e.newPermanentTrip()).isTrue();
        });
    }

    @Test
    void withinOneRequestACreditRetirementSkipsThePaidSiblingOnly() {
        RequestRetirements retired = new RequestRetirements();

        retired.retire(registry.recordFailure(paid, ErrorClass.CREDIT_EXHAUSTED, null, at(0)).orElseThrow());

        assertThat(retired.covers(paidSibling)).isTrue();
        assertThat(retired.covers(freeSibling)).isFalse();
        assertThat(retired.covers(otherKey)).isFalse();
    }

    @Test
    void aDeadKeySkipsItsFreeModelsToo() {
        RequestRetirements retired = new RequestRetirements();

        retired.retire(registry.recordFailure(paid, ErrorClass.AUTH_ERROR, null, at(0)).orElseThrow());

        assertThat(retired.covers(freeSibling)).isTrue();
        assertThat(retired.coveringScope(freeSibling)).contains(ScopeKey.credential("openrouter", 12));
        assertThat(registry.tryAcquire(freeSibling, at(1))).isEqualTo(Permit.DENIED);
        assertThat(registry.tryAcquire(otherKey, at(1))).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void anUnreachableBaseUrlCoversEveryModelAndKeyThere() {
        HopTarget local = new HopTarget("openai-compatible", 40, "http://gpu-box:8000/v1", "qwen", true);
        HopTarget localOtherKeyAndModel = new HopTarget("openai-compatible", 41, "http://GPU-BOX:8000/v1/", "llama", true);
        HopTarget elsewhere = new HopTarget("openai-compatible", 41, "http://other-box:8000/v1", "llama", true);
        RequestRetirements retired = new RequestRetirements();

        retired.retire(registry.recordFailure(local, ErrorClass.UNREACHABLE, null, at(0)).orElseThrow());

        assertThat(retired.covers(localOtherKeyAndModel)).isTrue();
        assertThat(retired.covers(elsewhere)).isFalse();
        // across requests the endpoint is transient: it opens after repeated failures
        assertThat(registry.tryAcquire(localOtherKeyAndModel, at(1))).isEqualTo(Permit.ALLOWED);
        registry.recordFailure(localOtherKeyAndModel, ErrorClass.UNREACHABLE, null, at(2));
        registry.recordFailure(local, ErrorClass.UNREACHABLE, null, at(3));
        assertThat(registry.tryAcquire(localOtherKeyAndModel, at(4))).isEqualTo(Permit.DENIED);
        assertThat(registry.tryAcquire(elsewhere, at(4))).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void aRateLimitedModelDoesNotBlockItsSiblings() {
        registry.recordFailure(freeSibling, ErrorClass.RATE_LIMITED, Duration.ofSeconds(30), at(0));

        assertThat(registry.tryAcquire(freeSibling, at(1))).isEqualTo(Permit.DENIED);
        assertThat(registry.tryAcquire(paid, at(1))).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void aProbeIsNotLeakedWhenAnotherScopeOfTheHopDenies() {
        registry.recordFailure(paid, ErrorClass.RATE_LIMITED, Duration.ofSeconds(10), at(0));   // model: 10 s
        registry.recordFailure(paid, ErrorClass.UNREACHABLE, null, at(0));
        registry.recordFailure(paid, ErrorClass.UNREACHABLE, null, at(0));
        registry.recordFailure(paid, ErrorClass.UNREACHABLE, null, at(0));                       // endpoint: 30 s
        // the model's cooldown is over, the endpoint's is not: no probe may be taken from the model
        assertThat(registry.tryAcquire(paid, at(15))).isEqualTo(Permit.DENIED);

        assertThat(registry.snapshot(paid.modelScope()).orElseThrow().state()).isEqualTo(BreakerState.OPEN);
        assertThat(registry.tryAcquire(paid, at(30))).isEqualTo(Permit.PROBE);
        assertThat(registry.tryAcquire(paid, at(31))).isEqualTo(Permit.DENIED);
    }

    @Test
    void aProbeThatSucceedsClosesEveryScopeOfTheHop() {
        registry.recordFailure(paid, ErrorClass.AUTH_ERROR, null, at(0));
        Instant after = at(15 * 60);
        assertThat(registry.tryAcquire(freeSibling, after)).isEqualTo(Permit.PROBE);

        registry.recordSuccess(freeSibling, after.plusSeconds(1));

        assertThat(registry.tryAcquire(paid, after.plusSeconds(2))).isEqualTo(Permit.ALLOWED);
    }

    @Test
    void aRefusalOfTheRequestCountsAsTheUpstreamAnswering() {
        registry.recordFailure(paid, ErrorClass.AUTH_ERROR, null, at(0));
        Instant after = at(15 * 60);
        assertThat(registry.tryAcquire(paid, after)).isEqualTo(Permit.PROBE);

        assertThat(registry.recordFailure(paid, ErrorClass.CONTEXT_LENGTH_EXCEEDED, null, after.plusSeconds(1))).isEmpty();

        assertThat(registry.snapshot(paid.credentialScope()).orElseThrow().state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aStateWrittenByAnotherInstanceIsAppliedWhenNewer() {
        ScopeKey key = ScopeKey.credential("openrouter", 12);
        BreakerSnapshot opened = new BreakerSnapshot(key, BreakerState.OPEN, ErrorClass.AUTH_ERROR, "auth_error: permanent, cooldown 15m",
                at(900), true, 0, 1, at(0));
        BreakerSnapshot closed = new BreakerSnapshot(key, BreakerState.CLOSED, null, null, null, false, 0, 3, at(600));

        assertThat(registry.apply(opened)).isTrue();
        assertThat(registry.tryAcquire(freeSibling, at(1))).isEqualTo(Permit.DENIED);
        assertThat(registry.apply(opened)).as("same version again").isFalse();

        assertThat(registry.apply(closed)).isTrue();
        assertThat(registry.tryAcquire(freeSibling, at(601))).isEqualTo(Permit.ALLOWED);
        assertThat(registry.apply(opened)).as("older").isFalse();
        assertThat(registry.snapshots()).containsExactly(closed);
        assertThat(events).isEmpty();
    }

    @Test
    void scopesThatNeverFailedCostNothing() {
        registry.recordSuccess(paid, at(0));
        assertThat(registry.tryAcquire(paid, at(0))).isEqualTo(Permit.ALLOWED);
        assertThat(registry.snapshots()).isEmpty();
    }
}
