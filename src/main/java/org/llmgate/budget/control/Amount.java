package org.llmgate.budget.control;

import java.math.BigDecimal;

/** Money and tokens counted together against a budget; either limit may be absent on the budget itself. */
public record Amount(BigDecimal cents, long tokens) {

    public static final Amount ZERO = new Amount(BigDecimal.ZERO, 0);

    public Amount plus(Amount other) {
        return new Amount(cents.add(other.cents), tokens + other.tokens);
    }

    public Amount minus(Amount other) {
        return new Amount(cents.subtract(other.cents), tokens - other.tokens);
    }

    public Amount times(long factor) {
        return new Amount(cents.multiply(BigDecimal.valueOf(factor)), tokens * factor);
    }

    /** Whether this covers {@code other} in both units. */
    public boolean covers(Amount other) {
        return cents.compareTo(other.cents) >= 0 && tokens >= other.tokens;
    }

    /** What is missing to cover {@code need}, per unit (zero where this already covers it). */
    public Amount shortOf(Amount need) {
        return new Amount(need.cents.subtract(cents).max(BigDecimal.ZERO), Math.max(0, need.tokens - tokens));
    }

    /** The positive part of each unit. */
    public Amount positive() {
        return new Amount(cents.max(BigDecimal.ZERO), Math.max(0, tokens));
    }

    public boolean isZero() {
        return cents.signum() == 0 && tokens == 0;
    }
}
