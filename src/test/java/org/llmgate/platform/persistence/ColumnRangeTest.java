package org.llmgate.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ColumnRangeTest {

    @Test
    void an_instant_past_the_columns_range_is_clamped() {
        Instant far = Instant.now().plus(Duration.ofSeconds(10_000_000_000_000L));
        assertThat(ColumnRange.timestamp(far)).isEqualTo(ColumnRange.LATEST);
        assertThat(ColumnRange.timestamp(Instant.MIN)).isEqualTo(ColumnRange.EARLIEST);
        Instant now = Instant.now();
        assertThat(ColumnRange.timestamp(now)).isEqualTo(now);
    }

    @Test
    void counts_are_clamped_to_an_int_column_and_never_negative() {
        assertThat(ColumnRange.count(5_000_000_000L)).isEqualTo(Integer.MAX_VALUE);
        assertThat(ColumnRange.count(-3L)).isZero();
        assertThat(ColumnRange.count(null)).isNull();
        assertThat(ColumnRange.nonNegative(-1L)).isZero();
        assertThat(ColumnRange.integer(Long.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
    }
}
