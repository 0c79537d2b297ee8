package org.llmgate.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Deletes the rows of one table older than its retention, a slice at a time: each statement stays
 * short (statement timeout, locks), and instances of a cluster running it together only share work.
 */
public final class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());
    private static final int SLICE = 10_000;

    private final DataSource dataSource;
    private final String table;
    private final String timeColumn;
    private final Duration retention;

    /** {@code table} and {@code timeColumn} are constants of the caller, never input. */
    public RetentionJob(DataSource dataSource, String table, String timeColumn, Duration retention) {
        this.dataSource = dataSource;
        this.table = table;
        this.timeColumn = timeColumn;
        this.retention = retention;
    }

    /** The job's name in logs: the table it keeps short. */
    public String name() {
        return table + " retention";
    }

    /** @return the rows deleted */
    public long run(Instant now) {
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + timeColumn
                + " < ? LIMIT " + SLICE + ")";
        Timestamp cutoff = Timestamp.from(ColumnRange.timestamp(now.minus(retention)));
        long deleted = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, cutoff);
            for (int n; (n = s.executeUpdate()) > 0; ) {
                deleted += n;
                if (n < SLICE) {
                    break;
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not delete " + table + " older than " + retention.toDays() + " days: " + e.getMessage());
        }
        if (deleted > 0) {
            LOG.info("Deleted " + deleted + " " + table + " rows older than " + retention.toDays() + " days");
        }
        return deleted;
    }
}
