package org.llmgate.resilience.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.llmgate.platform.Background;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.platform.Settings;
import org.llmgate.resilience.BreakerRegistry;
import org.llmgate.resilience.BreakerSnapshot;
import org.llmgate.resilience.BreakerState;
import org.llmgate.resilience.BreakerTransition;
import org.llmgate.resilience.ScopeKey;

/**
 * Breaker state in PostgreSQL (SPEC §5: shared by the cluster, survives a restart). The hot path
 * never waits on it: transitions are queued and written a few times a second, and other instances'
 * transitions are read back every {@code llmgate.breaker.refresh-ms} into the in-memory registry.
 */
@ApplicationScoped
public class BreakerStore {

    private static final Logger LOG = Logger.getLogger(BreakerStore.class.getName());
    private static final String UPSERT = "INSERT INTO circuit_states (scope_id, scope, provider, credential_id, base_url,"
            + " model, state, reason, open_until, consecutive_trips, updated_at, written_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
            + " ON CONFLICT (scope_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
            + " open_until = excluded.open_until, consecutive_trips = excluded.consecutive_trips,"
            + " updated_at = excluded.updated_at, written_at = clock_timestamp()"
            + " WHERE circuit_states.updated_at <= excluded.updated_at";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Background background;
    @Inject
    Settings settings;
    @Inject
    TripNotifier notifier;

    private final ConcurrentLinkedQueue<BreakerSnapshot> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TripNotifier.Trip> trips = new ConcurrentLinkedQueue<>();
    private volatile BreakerRegistry registry;
    private Instant lastWritten = Instant.EPOCH;
    private ScheduledFuture<?> flushTask;
    private ScheduledFuture<?> refreshTask;

    void attach(BreakerRegistry registry) {
        this.registry = registry;
        refresh();
        long refreshMs = settings.duration("llmgate.breaker.refresh-ms", Duration.ofSeconds(1)).toMillis();
        flushTask = background.every(200, "breaker writer", this::flush);
        refreshTask = background.every(refreshMs, "breaker refresh", this::refresh);
    }

    @PreDestroy
    void stop() {
        if (flushTask != null) {
            flushTask.cancel(false);
            refreshTask.cancel(false);
        }
        flush();
    }

    void onTransition(BreakerTransition transition) {
        pending.add(transition.after());
        if (transition.newPermanentTrip()) {
            trips.add(new TripNotifier.Trip(transition, Breakers.TRIP_CAUSE.get()));
        }
    }

    synchronized void flush() {
        Map<String, BreakerSnapshot> latest = new LinkedHashMap<>();
        for (BreakerSnapshot s; (s = pending.poll()) != null; ) {
            latest.merge(s.scope().id(), s, (a, b) -> b.isNewerThan(a) ? b : a);
        }
        if (!latest.isEmpty()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
                for (BreakerSnapshot snapshot : latest.values()) {
                    bind(s, snapshot);
                    s.addBatch();
                }
                s.executeBatch();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "Could not persist " + latest.size() + " breaker states: " + e.getMessage());
                pending.addAll(latest.values());
                return;
            }
        }
        List<TripNotifier.Trip> failed = new ArrayList<>();
        for (TripNotifier.Trip trip; (trip = trips.poll()) != null; ) {
            try {
                notifier.notify(trip);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not raise a breaker notification, will retry: " + e.getMessage());
                failed.add(trip);
            }
        }
        // the admin must hear of a dead key even if the database blinked: the next flush tries again
        trips.addAll(failed);
    }

    /**
     * Merges rows written since the last look. The watermark is the database's own clock
     * (written_at), so a skewed or delayed writer is not missed; a small overlap covers writes
     * still committing, and re-reading a row is harmless (the newer state wins).
     */
    synchronized void refresh() {
        BreakerRegistry target = registry;
        if (target == null) {
            return;
        }
        String sql = "SELECT scope_id, state, reason, open_until, consecutive_trips, updated_at, written_at"
                + " FROM circuit_states WHERE written_at > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(lastWritten.minusSeconds(5)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp openUntil = rs.getTimestamp(4);
                    target.apply(BreakerSnapshot.fromRow(ScopeKey.parse(rs.getString(1)),
                            BreakerState.valueOf(rs.getString(2)), rs.getString(3),
                            openUntil == null ? null : openUntil.toInstant(), rs.getInt(5), rs.getTimestamp(6).toInstant()));
                    Instant written = rs.getTimestamp(7).toInstant();
                    if (written.isAfter(lastWritten)) {
                        lastWritten = written;
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read breaker states: " + e.getMessage());
        }
    }

    private static void bind(PreparedStatement s, BreakerSnapshot snapshot) throws SQLException {
        ScopeKey scope = snapshot.scope();
        s.setString(1, scope.id());
        s.setString(2, scope.scope().name());
        s.setString(3, scope.provider());
        if (scope.credentialId() == null) {
            s.setNull(4, Types.BIGINT);
        } else {
            s.setLong(4, scope.credentialId());
        }
        s.setString(5, scope.baseUrl());
        s.setString(6, scope.model());
        s.setString(7, snapshot.state().name());
        s.setString(8, snapshot.reason() == null ? null : truncate(snapshot.reason()));
        s.setTimestamp(9, snapshot.openUntil() == null ? null : Timestamp.from(snapshot.openUntil()));
        s.setInt(10, snapshot.trips());
        s.setTimestamp(11, Timestamp.from(snapshot.updatedAt()));
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 499) + "…";
    }
}
