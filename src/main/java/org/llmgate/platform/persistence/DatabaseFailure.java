package org.llmgate.platform.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTimeoutException;

/**
 * Tells "the database is not there" (keep the rows, try again later) from "the database refused this
 * row" (retrying it forever would block everything behind it).
 */
public final class DatabaseFailure {

    private DatabaseFailure() {
    }

    /**
     * Whether the failure says nothing about the rows: no connection, a connection lost, a server
     * shutting down, a timeout, resources exhausted. SQLState classes 08 (connection), 53
     * (insufficient resources), 57 (operator intervention, e.g. 57P01 admin shutdown, 57014 statement
     * timeout), 58 (system error) and 40 (serialization, deadlock) are worth retrying; data (22) and
     * constraint (23) errors are the row's fault. An SQL exception without a state (the pool could
     * not give a connection) counts as unavailable; a failure with no SQL exception at all is a bug,
     * not an outage, and retrying it would block the queue for ever.
     */
    public static boolean isUnavailable(Throwable failure) {
        boolean sqlFailure = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                sqlFailure = true;
                String state = sql.getSQLState();
                if (state == null || state.length() < 2) {
                    continue;
                }
                String clazz = state.substring(0, 2);
                return switch (clazz) {
                    case "08", "53", "57", "58", "40", "XX" -> true;
                    default -> false;
                };
            }
        }
        // no SQL state anywhere: a pool or resource failure, not a verdict on the rows
        return sqlFailure;
    }
}
