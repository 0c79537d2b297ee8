package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.llmgate.budget.entity.Budget;
import org.llmgate.budget.entity.Payer;
import org.llmgate.platform.problem.ProblemException;

/**
 * Reads a budget's status. For a per-student budget asked without {@code ?user=}, the amounts are
 * the sums over all its students and remaining is null (each student has their own remainder),
 * with the top 50 spenders listed; for an ordinary budget {@code ?user=} is refused. Reserved
 * includes the slices other cluster instances hold (given back after a few idle seconds).
 */
@ApplicationScoped
public class BudgetStatuses {

    static final int TOP_STUDENTS = 50;

    @Inject
    BudgetLedger ledger;
    @Inject
    BudgetCalendar calendar;
    @Inject
    BudgetLeases leases;

    public BudgetStatus of(Budget budget, String user) {
        if (user != null) {
            StudentIds.check("user", user);
            if (!budget.perStudent()) {
                throw ProblemException.invalidField("user", "only a per-student budget has amounts per student");
            }
        }
        Instant start = budget.periodKind().start(calendar.now(), calendar.zone());
        Instant resets = budget.periodKind().next(start, calendar.zone());
        boolean allStudents = budget.perStudent() && user == null;
        // this instance's spending and unused slices first, so a status read here is exact for it
        leases.flush(true);
        BudgetLedger.Totals t = ledger.totals(budget.id(), start, budget.perStudent() ? user : Payer.SHARED_STUDENT);
        BigDecimal remainingCents = allStudents || budget.limitCents() == null ? null
                : budget.limitCents().subtract(t.spentCents()).subtract(t.reservedCents()).max(BigDecimal.ZERO);
        Long remainingTokens = allStudents || budget.limitTokens() == null ? null
                : Math.max(0, budget.limitTokens() - t.spentTokens() - t.reservedTokens());
        List<BudgetLedger.StudentSpent> students = allStudents ? ledger.topStudents(budget.id(), start, TOP_STUDENTS) : null;
        return new BudgetStatus(budget.id(), user, start, resets, t.spentCents(), t.spentTokens(), t.reservedCents(),
                t.reservedTokens(), remainingCents, remainingTokens, students);
    }
}
