package org.llmgate.budget.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Periods are calendar-aligned in the deployment's time zone; the clock is passed in. */
class BudgetPeriodTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void a_month_resets_at_midnight_on_the_first_and_the_last_second_still_counts_for_the_old_one() {
        Instant lastSecond = Clock.fixed(Instant.parse("2026-11-30T23:59:59Z"), ZoneOffset.UTC).instant();
        Instant start = BudgetPeriod.MONTH.start(lastSecond, UTC);
        assertThat(start).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.next(start, UTC)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.start(Instant.parse("2026-12-01T00:00:00Z"), UTC))
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void a_week_starts_on_monday() {
        // 2026-11-29 is a Sunday, 2026-11-30 a Monday
        assertThat(BudgetPeriod.WEEK.start(Instant.parse("2026-11-29T23:59:59Z"), UTC)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(BudgetPeriod.WEEK.start(Instant.parse("2026-11-30T00:00:00Z"), UTC)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(BudgetPeriod.WEEK.next(Instant.parse("2026-11-30T00:00:00Z"), UTC)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void a_day_follows_the_configured_time_zone_across_daylight_saving() {
        // 23:30 UTC on 2026-03-28 is already 2026-03-29 in Berlin; that day has 23 hours
        Instant start = BudgetPeriod.DAY.start(Instant.parse("2026-03-28T23:30:00Z"), BERLIN);
        assertThat(start).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(BudgetPeriod.DAY.next(start, BERLIN)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void wire_names_are_day_week_month_and_nothing_else() {
        assertThat(BudgetPeriod.fromWireName("week")).contains(BudgetPeriod.WEEK);
        assertThat(BudgetPeriod.fromWireName("WEEK")).isEmpty();
        assertThat(BudgetPeriod.fromWireName("year")).isEmpty();
    }
}
