package org.llmgate.resilience.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.llmgate.platform.Background;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.platform.SchemaReady;
import org.llmgate.platform.Settings;
import org.llmgate.platform.persistence.RetentionJob;
import org.llmgate.platform.persistence.StoredText;

/**
 * Admin notifications in PostgreSQL. A dedupe key makes "one notification per scope and cooldown"
 * hold even when several cluster instances see the same dead key at once.
 */
@ApplicationScoped
public class Notifications {

    private static final String COLUMNS = "id, severity, title, message, organization_id, credential_id, created_at, acknowledged_at";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Background background;
    @Inject
    Settings settings;

    /**
     * SPEC §11: notifications older than {@code LLMGATE_NOTIFICATIONS_RETENTION_DAYS} (180) are
     * deleted daily, acknowledged or not: an alert half a year old is history, and the table must
     * not grow for ever.
     */
    void scheduleRetention(@Observes SchemaReady ready) {
        background.everyRetentionPeriod(new RetentionJob(dataSource, "notifications", "created_at",
                Duration.ofDays(settings.integer("llmgate.notifications.retention-days", 180))));
    }

    /** @return whether a new notification was stored (false: the same scope and cooldown had one). */
    public boolean raise(String severity, String title, String message, Long organizationId, Long credentialId,
                         String dedupeKey) {
        String sql = "INSERT INTO notifications (severity, title, message, organization_id, credential_id, dedupe_key)"
                + " SELECT ?, ?, ?, (SELECT id FROM organizations WHERE id = ?), ?, ?"
                + " ON CONFLICT (dedupe_key) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, severity);
            // built from upstream text: stripped of what PostgreSQL refuses (SPEC §10 "Faults")
            s.setString(2, StoredText.clean(title, 300));
            s.setString(3, StoredText.clean(message, 2000));
            setLong(s, 4, organizationId);
            setLong(s, 5, credentialId);
            s.setString(6, StoredText.clean(dedupeKey, 1000));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store a notification", e);
        }
    }

    public List<Notification> list(boolean unacknowledgedOnly, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM notifications"
                + (unacknowledgedOnly ? " WHERE acknowledged_at IS NULL" : "") + " ORDER BY created_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<Notification> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(read(rs));
                }
                return list;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read notifications", e);
        }
    }

    public Optional<Notification> acknowledge(long id) {
        String sql = "UPDATE notifications SET acknowledged_at = coalesce(acknowledged_at, now()) WHERE id = ? RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot acknowledge notification " + id, e);
        }
    }

    private static Notification read(ResultSet rs) throws SQLException {
        return new Notification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                (Long) rs.getObject(5, Long.class), (Long) rs.getObject(6, Long.class),
                instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
