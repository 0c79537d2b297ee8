package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.budget.entity.Budget;
import org.llmgate.resilience.store.Notifications;

/**
 * SPEC §11 Warnings: a notification when a budget's settled usage reaches 80 % (normal) and 100 %
 * (high) of a limit, once each per budget and period. "Once" holds across the cluster through the
 * notifications' dedupe key; the local set only saves the repeated insert.
 */
@ApplicationScoped
public class BudgetWarnings {

    private static final Logger LOG = Logger.getLogger(BudgetWarnings.class.getName());
    private static final BigDecimal EIGHTY = new BigDecimal("0.8");

    @Inject
    Notifications notifications;
    @Inject
    BudgetMessages messages;

    private final Set<String> raised = ConcurrentHashMap.newKeySet();

    void check(List<Budget> budgets, List<UsageKey> keys, List<BudgetLedger.Spent> after) {
        for (int i = 0; i < budgets.size(); i++) {
            Budget budget = budgets.get(i);
            BudgetLedger.Spent spent = after.get(i);
            if (budget.perStudent() || spent == null) {
                continue;
            }
            int percent = Math.max(percent(spent.cents(), budget.limitCents()),
                    percent(BigDecimal.valueOf(spent.tokens()), budget.limitTokens() == null ? null : BigDecimal.valueOf(budget.limitTokens())));
            if (percent >= 100) {
                raise(budget, keys.get(i), 100, "high");
            }
            if (percent >= 80) {
                raise(budget, keys.get(i), 80, "normal");
            }
        }
    }

    /** 100 when at or over the limit, 80 when at or over 80 % of it, else 0. */
    static int percent(BigDecimal spent, BigDecimal limit) {
        if (limit == null) {
            return 0;
        }
        if (spent.compareTo(limit) >= 0) {
            return 100;
        }
        return spent.compareTo(limit.multiply(EIGHTY)) >= 0 ? 80 : 0;
    }

    private void raise(Budget budget, UsageKey key, int percent, String severity) {
        String dedupe = "budget:" + budget.id() + ":" + key.periodStart() + ":" + percent;
        if (raised.contains(dedupe)) {
            return;
        }
        String target = messages.target(budget, true);
        String title = target + (percent >= 100 ? " has used its " : " has used 80 % of its ")
                + budget.periodKind().adjective() + " budget";
        String message = title + " of " + BudgetMessages.size(budget) + " (budget " + budget.id() + ", period from "
                + key.periodStart() + ")" + (percent >= 100 ? ": paid models are skipped until it resets." : ".");
        try {
            notifications.raise(severity, title, message, budget.organizationId(), null, dedupe);
            raised.add(dedupe);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot store a budget warning: " + e.getMessage());
        }
    }
}
