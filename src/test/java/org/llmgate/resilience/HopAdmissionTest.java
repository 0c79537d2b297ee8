package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.ErrorClass;

class HopAdmissionTest {

    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    private final BreakerRegistry breakers = new BreakerRegistry(BreakerConfig.defaults(), BreakerListener.NONE);
    private final HopAdmission admission = new HopAdmission(breakers);
    private final HopTarget fallback = new HopTarget("openai", 5, "https://api.openai.com/v1", "gpt-4o-mini", false);

    @Test
    void aHugePromptIsNotSentToASmallWindow() {
        HopDecision decision = admission.decide(fallback, new HopDemand(7_500, 1_000, 8_192),
                new RequestRetirements(), false, null, T0);

        assertThat(decision.admitted()).isFalse();
        assertThat(decision.skipReason()).isEqualTo(SkipReason.CONTEXT_WINDOW);
        assertThat(decision.message()).contains("8192");
    }

    @Test
    void theWindowMustHoldTheDefaultAnswerWhenNoMaxIsSet() {
        assertThat(HopAdmission.contextWindowProblem(new HopDemand(7_168, null, 8_192))).isEmpty();
        assertThat(HopAdmission.contextWindowProblem(new HopDemand(7_169, null, 8_192))).isPresent();
        assertThat(HopAdmission.contextWindowProblem(new HopDemand(1_000_000, null, null)))
                .as("unknown window").isEmpty();
    }

    @Test
    void aPromptOverTheRemainingBudgetIsSkippedAndTakesNothing() {
        TokenBudget budget = new TokenBudget(null, 10_000L, T0);
        budget.tryConsume(8_000, T0);

        HopDecision decision = admission.decide(fallback, new HopDemand(5_000, 500, 128_000),
                new RequestRetirements(), false, budget, T0);

        assertThat(decision.skipReason()).isEqualTo(SkipReason.TOKEN_BUDGET);
        assertThat(budget.remainingTokens(T0)).isEqualTo(2_000);
    }

    @Test
    void anAdmittedHopSpendsTheBudget() {
        TokenBudget budget = new TokenBudget(null, 10_000L, T0);

        HopDecision decision = admission.decide(fallback, new HopDemand(4_000, 500, 128_000),
                new RequestRetirements(), false, budget, T0);

        assertThat(decision.admitted()).isTrue();
        assertThat(decision.permit()).isEqualTo(Permit.ALLOWED);
        assertThat(budget.remainingTokens(T0)).isEqualTo(6_000);
    }

    @Test
    void anOpenBreakerSkipsWithoutSpendingTheBudget() {
        breakers.recordFailure(fallback, ErrorClass.AUTH_ERROR, null, T0);
        TokenBudget budget = new TokenBudget(null, 10_000L, T0);

        HopDecision decision = admission.decide(fallback, new HopDemand(4_000, 500, 128_000),
                new RequestRetirements(), false, budget, T0.plusSeconds(1));

        assertThat(decision.skipReason()).isEqualTo(SkipReason.BREAKER_OPEN);
        assertThat(decision.errorClass()).as("the class that opened the breaker").isEqualTo(ErrorClass.AUTH_ERROR);
        assertThat(decision.message()).contains("credential|openai|5").contains("auth_error");
        assertThat(budget.remainingTokens(T0.plusSeconds(1))).isEqualTo(10_000);
    }

    @Test
    void retiredAndBlacklistedHopsAreSkipped() {
        RequestRetirements retired = new RequestRetirements();
        retired.retire(new Retirement(fallback.modelScope(), ErrorClass.MODEL_NOT_FOUND, true, true));
        HopDemand demand = new HopDemand(10, null, null);

        HopDecision retiredSkip = admission.decide(fallback, demand, retired, false, null, T0);
        assertThat(retiredSkip.skipReason()).isEqualTo(SkipReason.SCOPE_RETIRED);
        assertThat(retiredSkip.errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        HopDecision blacklistedSkip = admission.decide(fallback, demand, new RequestRetirements(), true, null, T0);
        assertThat(blacklistedSkip.skipReason()).isEqualTo(SkipReason.BLACKLISTED);
        assertThat(blacklistedSkip.errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
    }

    @Test
    void theProbeIsHandedToTheAdmittedHop() {
        breakers.recordFailure(fallback, ErrorClass.MODEL_NOT_FOUND, null, T0);
        Instant later = T0.plusSeconds(3600);
        HopDemand demand = new HopDemand(10, null, null);

        assertThat(admission.decide(fallback, demand, new RequestRetirements(), false, null, later).permit())
                .isEqualTo(Permit.PROBE);
        HopDecision second = admission.decide(fallback, demand, new RequestRetirements(), false, null, later);
        assertThat(second.skipReason()).isEqualTo(SkipReason.BREAKER_OPEN);
        assertThat(second.errorClass()).as("still the class that opened it").isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        assertThat(second.message()).contains("probe in flight");
    }
}
