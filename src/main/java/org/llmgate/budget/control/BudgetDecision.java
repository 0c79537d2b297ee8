package org.llmgate.budget.control;

/** The answer of {@link BudgetAdmission#admit}: the hop may go with its reservation, or a budget refused it. */
public sealed interface BudgetDecision {

    record Granted(Reservation reservation) implements BudgetDecision {
    }

    /** {@code message} is written for the student (SPEC §11): which budget, and when it resets. */
    record Refused(long budgetId, String message) implements BudgetDecision {
    }
}
