package org.llmgate.budget.control;

import java.time.Instant;

/** One row of {@code budget_usage}: a budget in one period for one student ({@code ""} unless per student). */
public record UsageKey(long budgetId, Instant periodStart, String user) {
}
