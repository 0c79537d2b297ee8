package org.llmgate.budget.control;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A budget's current period (SPEC §11): remaining = limit − spent − reserved, never below 0, null
 * where that limit is not set. {@code user} and {@code students} only for a per-student budget.
 */
public record BudgetStatus(long budgetId, String user, Instant periodStart, Instant resetsAt,
                           BigDecimal spentCents, long spentTokens, BigDecimal reservedCents, long reservedTokens,
                           BigDecimal remainingCents, Long remainingTokens, List<BudgetLedger.StudentSpent> students) {
}
