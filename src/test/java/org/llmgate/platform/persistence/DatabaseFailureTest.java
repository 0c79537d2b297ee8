package org.llmgate.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailureTest {

    @Test
    void connection_failures_shutdowns_and_timeouts_mean_try_again() {
        assertThat(DatabaseFailure.isUnavailable(new SQLException("refused", "08001"))).isTrue();
        assertThat(DatabaseFailure.isUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseFailure.isUnavailable(new SQLException("canceling statement due to statement timeout", "57014"))).isTrue();
        assertThat(DatabaseFailure.isUnavailable(new IllegalStateException("wrapped", new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(DatabaseFailure.isUnavailable(new SQLException("pool could not allocate"))).isTrue();
    }

    @Test
    void data_and_constraint_errors_are_the_rows_fault() {
        assertThat(DatabaseFailure.isUnavailable(new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021"))).isFalse();
        assertThat(DatabaseFailure.isUnavailable(new SQLException("value too long", "22001"))).isFalse();
        assertThat(DatabaseFailure.isUnavailable(new IllegalStateException("x", new SQLException("timestamp out of range", "22008")))).isFalse();
        assertThat(DatabaseFailure.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void a_bug_is_not_an_outage() {
        assertThat(DatabaseFailure.isUnavailable(new NullPointerException())).isFalse();
        assertThat(DatabaseFailure.isUnavailable(new IllegalStateException("no database involved"))).isFalse();
    }
}
