package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {

    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    @Test
    void tokensRefillContinuously() {
        TokenBudget budget = new TokenBudget(null, 60_000L, T0);

        assertThat(budget.tryConsume(50_000, T0)).isTrue();
        assertThat(budget.wouldExceed(20_000, T0)).isTrue();
        assertThat(budget.tryConsume(20_000, T0)).isFalse();
        assertThat(budget.remainingTokens(T0)).as("a refused prompt takes nothing").isEqualTo(10_000);

        // 10 s refill 10,000 tokens
        assertThat(budget.tryConsume(20_000, T0.plusSeconds(10))).isTrue();
        assertThat(budget.remainingTokens(T0.plusSeconds(10))).isZero();
        // never above the limit
        assertThat(budget.remainingTokens(T0.plusSeconds(3600))).isEqualTo(60_000);
    }

    @Test
    void aPromptLargerThanTheWholeBudgetNeverFits() {
        TokenBudget budget = new TokenBudget(null, 8_000L, T0);

        assertThat(budget.wouldExceed(9_000, T0.plusSeconds(3600))).isTrue();
    }

    @Test
    void requestsPerMinuteAreCountedToo() {
        TokenBudget budget = new TokenBudget(2, null, T0);

        assertThat(budget.tryConsume(1, T0)).isTrue();
        assertThat(budget.tryConsume(1_000_000, T0)).isTrue();
        assertThat(budget.tryConsume(1, T0)).isFalse();
        assertThat(budget.tryConsume(1, T0.plusSeconds(30))).isTrue();
        assertThat(budget.remainingTokens(T0)).isNull();
    }

    @Test
    void refundAndChargeAdjustTheBucket() {
        TokenBudget budget = new TokenBudget(10, 1_000L, T0);
        budget.tryConsume(600, T0);

        budget.refund(600, T0);
        assertThat(budget.remainingTokens(T0)).isEqualTo(1_000);
        assertThat(budget.remainingRequests(T0)).isEqualTo(10);

        budget.charge(1_500, T0);
        assertThat(budget.remainingTokens(T0)).isEqualTo(-500);
        assertThat(budget.wouldExceed(1, T0)).isTrue();
    }

    @Test
    void unlimitedNeverRefuses() {
        TokenBudget budget = TokenBudget.unlimited(T0);
        assertThat(budget.tryConsume(Long.MAX_VALUE / 2, T0)).isTrue();
        assertThat(budget.tryConsume(Long.MAX_VALUE / 2, T0)).isTrue();
    }

    @Test
    void budgetsAreKeptPerCredentialAndRenewedWhenLimitsChange() {
        TokenBudgets budgets = new TokenBudgets();
        TokenBudget first = budgets.forCredential(1, 10, 1_000L, T0);
        first.tryConsume(900, T0);

        assertThat(budgets.forCredential(1, 10, 1_000L, T0)).isSameAs(first);
        assertThat(budgets.forCredential(2, 10, 1_000L, T0)).isNotSameAs(first);
        TokenBudget renewed = budgets.forCredential(1, 10, 2_000L, T0);
        assertThat(renewed).isNotSameAs(first);
        assertThat(renewed.remainingTokens(T0)).isEqualTo(2_000);
    }
}
