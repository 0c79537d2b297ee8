package org.llmgate.platform.persistence;

import java.time.Instant;

/**
 * Numbers clamped to what their column holds. A {@code Retry-After: 1e13} once gave an
 * {@code open_until} past PostgreSQL's timestamp range, and that breaker batch was re-queued
 * forever (issue 11); a clamped value is still a correct "very far away".
 */
public final class ColumnRange {

    /** The latest instant written to a timestamptz column: far beyond any cooldown, well inside PostgreSQL's range. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private ColumnRange() {
    }

    public static Instant timestamp(Instant value) {
        if (value == null) {
            return null;
        }
        return value.isAfter(LATEST) ? LATEST : value.isBefore(EARLIEST) ? EARLIEST : value;
    }

    /** For an {@code int} column. */
    public static int integer(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** For an {@code int} column that counts or measures something: never below zero. */
    public static Integer count(Long value) {
        return value == null ? null : integer(Math.max(0, value));
    }

    /** For a {@code bigint} that counts or measures something: never below zero. */
    public static Long nonNegative(Long value) {
        return value == null ? null : Math.max(0, value);
    }
}
