package org.llmgate.budget.entity;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** A budget's period, calendar-aligned in the deployment's time zone (SPEC §11: weeks start on Monday). */
public enum BudgetPeriod {
    DAY("daily"), WEEK("weekly"), MONTH("monthly");

    private final String adjective;

    BudgetPeriod(String adjective) {
        this.adjective = adjective;
    }

    /** The start of the period that contains {@code now}, at local midnight in {@code zone}. */
    public Instant start(Instant now, ZoneId zone) {
        LocalDate day = now.atZone(zone).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(zone).toInstant();
    }

    /** When the period that starts at {@code start} ends and the next begins. */
    public Instant next(Instant start, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = switch (this) {
            case DAY -> from.plusDays(1);
            case WEEK -> from.plusWeeks(1);
            case MONTH -> from.plusMonths(1);
        };
        // atStartOfDay again: a DST change must not shift the boundary off midnight
        return to.toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** "monthly", for messages students read. */
    public String adjective() {
        return adjective;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BudgetPeriod> fromWireName(String name) {
        for (BudgetPeriod p : values()) {
            if (p.wireName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
