package org.llmgate.resilience.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
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
            + " model, state, reason, open_until, consecutive_trips, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (scope_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
            + " open_until = excluded.open_until, consecutive_trips = excluded.consecutive_trips,"
            + " updated_at = excluded.updated_at WHERE circuit_states.updated_at <= excluded.updated_at";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;
    @Inject
    Settings settings;
    @Inject
    TripNotifier notifier;

    private final ConcurrentLinkedQueue<BreakerSnapshot> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TripNotifier.Trip> trips = new ConcurrentLinkedQueue<>();
    private volatile BreakerRegistry registry;
    private Instant lastSeen = Instant.EPOCH;
    private ScheduledFuture<?> flushTask;
    private ScheduledFuture<?> refreshTask;

    void attach(BreakerRegistry registry) {
        this.registry = registry;
        refresh();
        long refreshMs = settings.duration("llmgate.breaker.refresh-ms", Duration.ofSeconds(1)).toMillis();
        flushTask = scheduler.scheduleWithFixedDelay(this::flush, 200, 200, TimeUnit.MILLISECONDS);
        refreshTask = scheduler.scheduleWithFixedDelay(this::refresh, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
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
        for (TripNotifier.Trip trip; (trip = trips.poll()) != null; ) {
            try {
                notifier.notify(trip);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not raise a breaker notification: " + e.getMessage());
            }
        }
    }

    /** Merges rows other instances wrote since the last look (a small overlap covers clock skew). */
    synchronized void refresh() {
        BreakerRegistry target = registry;
        if (target == null) {
            return;
        }
        String sql = "SELECT scope_id, state, reason, open_until, consecutive_trips, updated_at FROM circuit_states"
                + " WHERE updated_at > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(lastSeen.minusSeconds(5)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant updated = rs.getTimestamp(6).toInstant();
                    Timestamp openUntil = rs.getTimestamp(4);
                    target.apply(BreakerSnapshot.fromRow(ScopeKey.parse(rs.getString(1)),
                            BreakerState.valueOf(rs.getString(2)), rs.getString(3),
                            openUntil == null ? null : openUntil.toInstant(), rs.getInt(5), updated));
                    if (updated.isAfter(lastSeen)) {
                        lastSeen = updated;
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
