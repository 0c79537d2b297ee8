package org.llmgate.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Liquibase's lock row outlives a process killed during migration (kill -9, power loss): the next
 * start would wait five minutes for it and then fail. A lock older than the bound cannot belong to
 * a migration still running (ours take seconds), so it is released, with a log line saying whose
 * it was. A fresh lock is left alone: another instance is migrating and Liquibase waits for it.
 */
final class StaleSchemaLock {

    private static final Logger LOG = Logger.getLogger(StaleSchemaLock.class.getName());

    private StaleSchemaLock() {
    }

    /** @return true when a stale lock was released */
    static boolean releaseIfOlderThan(Connection connection, Duration bound) throws SQLException {
        if (!lockTableExists(connection)) {
            return false;
        }
        Timestamp granted;
        String owner;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT lockgranted, lockedby FROM databasechangeloglock WHERE id = 1 AND locked");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            granted = rs.getTimestamp(1);
            owner = rs.getString(2);
        }
        Duration age = granted == null ? bound.plusSeconds(1) : Duration.between(granted.toInstant(), Instant.now());
        if (age.compareTo(bound) <= 0) {
            return false;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL"
                        + " WHERE id = 1 AND locked AND lockgranted IS NOT DISTINCT FROM ?")) {
            s.setTimestamp(1, granted);
            if (s.executeUpdate() == 1) {
                LOG.warning(() -> "Released a stale Liquibase lock held by " + owner + " since " + granted
                        + " (older than " + bound.toSeconds() + " s: its process is gone)");
                return true;
            }
        }
        return false;
    }

    private static boolean lockTableExists(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass('databasechangeloglock') IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
