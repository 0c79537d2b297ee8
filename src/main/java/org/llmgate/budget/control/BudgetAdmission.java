package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.budget.entity.Budget;
import org.llmgate.budget.entity.Payer;
import org.llmgate.config.control.LlmConfigView;

/**
 * Admission of one attempt against its budgets (SPEC §11 "No overshoot"): before the call, its worst
 * case (estimated prompt + max output tokens, at the config's prices; tokens only on a free model)
 * is reserved on every applicable budget, all or nothing; after it, the reservation is settled to
 * the real usage. The chain walk asks this before each hop, like a breaker; this instance's slices
 * of the budgets ({@link BudgetLeases}) answer it without the database while they last.
 */
@ApplicationScoped
public class BudgetAdmission {

    private static final Logger LOG = Logger.getLogger(BudgetAdmission.class.getName());
    /** SPEC §11: the worst case of a config without max output tokens. */
    static final long DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    @Inject
    BudgetBook book;
    @Inject
    BudgetLeases leases;
    @Inject
    BudgetCalendar calendar;
    @Inject
    BudgetMessages messages;

    public BudgetDecision admit(Payer payer, LlmConfigView config, long promptTokens) {
        List<Budget> budgets = book.covering(payer);
        if (budgets.isEmpty()) {
            // the common case asks no database
            return new BudgetDecision.Granted(Reservation.NONE);
        }
        Pricing pricing = Pricing.of(config);
        long maxOutput = config.maxOutputTokens() == null ? DEFAULT_MAX_OUTPUT_TOKENS : config.maxOutputTokens();
        BigDecimal cents = pricing.worstCaseCents(promptTokens, maxOutput);
        long tokens = promptTokens + maxOutput;
        Instant now = calendar.now();
        List<UsageKey> keys = new ArrayList<>(budgets.size());
        for (Budget b : budgets) {
            keys.add(new UsageKey(b.id(), b.periodKind().start(now, calendar.zone()),
                    b.perStudent() ? payer.user() : Payer.SHARED_STUDENT));
        }
        int refusedBy;
        try {
            refusedBy = leases.reserve(budgets, keys, new Amount(cents, tokens));
        } catch (SQLException e) {
            // a budget that cannot be checked cannot be promised: the hop is skipped, free models still answer
            LOG.log(Level.WARNING, "Cannot reserve on budgets " + keys + ": " + e.getMessage());
            return new BudgetDecision.Refused(budgets.get(0).id(), messages.uncheckable());
        }
        if (refusedBy >= 0) {
            Budget refusing = budgets.get(refusedBy);
            return new BudgetDecision.Refused(refusing.id(), messages.exhausted(refusing, keys.get(refusedBy).periodStart()));
        }
        return new BudgetDecision.Granted(new Reservation(budgets, keys, cents, tokens));
    }

    /**
     * Replaces the reservation by what the attempt used, in memory ({@link BudgetLeases} writes it
     * within a quarter second). Safe to call more than once: only the first call counts.
     */
    public void settle(Reservation reservation, BigDecimal cents, long tokens) {
        if (reservation.claim()) {
            leases.settle(reservation.budgets(), reservation.keys(), new Amount(reservation.cents(), reservation.tokens()),
                    new Amount(cents, tokens));
        }
    }
}
