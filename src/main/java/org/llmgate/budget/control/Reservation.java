package org.llmgate.budget.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.llmgate.budget.entity.Budget;

/**
 * What one attempt holds against its budgets until it ends. Settled exactly once, whichever of
 * completion, failure or the client leaving comes first.
 */
public final class Reservation {

    /** An attempt no budget covers: nothing to settle. */
    public static final Reservation NONE = new Reservation(List.of(), List.of(), BigDecimal.ZERO, 0);

    private final List<Budget> budgets;
    private final List<UsageKey> keys;
    private final BigDecimal cents;
    private final long tokens;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(List<Budget> budgets, List<UsageKey> keys, BigDecimal cents, long tokens) {
        this.budgets = budgets;
        this.keys = keys;
        this.cents = cents;
        this.tokens = tokens;
    }

    List<Budget> budgets() {
        return budgets;
    }

    List<UsageKey> keys() {
        return keys;
    }

    BigDecimal cents() {
        return cents;
    }

    long tokens() {
        return tokens;
    }

    /** @return true for the one caller that may settle it */
    boolean claim() {
        return !keys.isEmpty() && settled.compareAndSet(false, true);
    }
}
