package org.llmgate.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes rows with one statement in a JDBC batch, so that neither an outage nor a poison row loses
 * the others: when the database is unreachable every row is handed back for a later try; when it
 * refuses the batch, the rows are written one by one and each refused row is logged and dropped
 * alone (issue 11: one NUL in an error message had stopped every hint from being written).
 *
 * @param <T> the row type
 */
public final class RowBatch<T> {

    /** Sets a row's values on the statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** What a write left: rows to try again later (the database was unreachable) and rows dropped. */
    public record Outcome<T>(List<T> unwritten, int refused) {
        public boolean databaseUnavailable() {
            return !unwritten.isEmpty();
        }
    }

    private final DataSource dataSource;
    private final String sql;
    private final Binder<T> binder;
    private final Function<T, String> describe;
    private final Logger log;

    /**
     * @param describe names a row in a log line (ids and names only: rows may hold upstream text)
     */
    public RowBatch(DataSource dataSource, String sql, Binder<T> binder, Function<T, String> describe, Logger log) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.binder = binder;
        this.describe = describe;
        this.log = log;
    }

    public Outcome<T> write(List<T> rows) {
        if (rows.isEmpty()) {
            return new Outcome<>(List.of(), 0);
        }
        try {
            writeTogether(rows);
            return new Outcome<>(List.of(), 0);
        } catch (SQLException e) {
            if (DatabaseFailure.isUnavailable(e)) {
                return new Outcome<>(List.copyOf(rows), 0);
            }
            return writeOneByOne(rows);
        } catch (RuntimeException e) {
            // a row that cannot even be bound: find it
            return writeOneByOne(rows);
        }
    }

    private void writeTogether(List<T> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(s, row);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private Outcome<T> writeOneByOne(List<T> rows) {
        int refused = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                T row = rows.get(i);
                try {
                    binder.bind(s, row);
                    s.executeUpdate();
                } catch (SQLException e) {
                    if (DatabaseFailure.isUnavailable(e)) {
                        return new Outcome<>(List.copyOf(rows.subList(i, rows.size())), refused);
                    }
                    refused++;
                    log.log(Level.WARNING, "The database refused " + describe.apply(row) + " (SQLState " + e.getSQLState()
                            + "); dropped it, the other rows are written: " + e.getMessage());
                } catch (RuntimeException e) {
                    refused++;
                    log.log(Level.WARNING, "Could not bind " + describe.apply(row) + "; dropped it", e);
                }
            }
        } catch (SQLException e) {
            return new Outcome<>(List.copyOf(rows), refused);
        }
        return new Outcome<>(List.of(), refused);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the pool discards it
        }
    }
}
