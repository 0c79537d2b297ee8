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
import org.llmgate.platform.persistence.ColumnRange;
import org.llmgate.platform.persistence.DatabaseFailure;
import org.llmgate.platform.persistence.OutageLog;
import org.llmgate.platform.persistence.PendingRows;
import org.llmgate.platform.persistence.RowBatch;
import org.llmgate.platform.persistence.ShutdownDrain;
import org.llmgate.platform.persistence.StoredText;
import org.llmgate.providers.ErrorClass;
import org.llmgate.resilience.BreakerRegistry;
import org.llmgate.resilience.BreakerSnapshot;
import org.llmgate.resilience.BreakerState;
import org.llmgate.resilience.BreakerTransition;
import org.llmgate.resilience.ScopeKey;

/**
 * The {@code circuit_states} table: breaker state in PostgreSQL (SPEC §5: shared by the cluster,
 * survives a restart), and the permanent trips' notifications that wait for it. The hot path
 * never waits on it: transitions are queued and written a few times a second, and other instances'
 * transitions are read back every {@code llmgate.breaker.refresh-ms} into the in-memory registry.
 */
@ApplicationScoped
public class CircuitStatesTable {

    private static final Logger LOG = Logger.getLogger(CircuitStatesTable.class.getName());
    private static final String UPSERT = "INSERT INTO circuit_states (scope_id, scope, provider, credential_id, base_url,"
            + " model, state, error_class, reason, open_until, consecutive_trips, updated_at, written_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
            + " ON CONFLICT (scope_id) DO UPDATE SET state = excluded.state, error_class = excluded.error_class,"
            + " reason = excluded.reason, open_until = excluded.open_until, consecutive_trips = excluded.consecutive_trips,"
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

    /** Transitions waiting to be written; deduplicated by scope at each flush, so bounded by the scopes in use. */
    private final ConcurrentLinkedQueue<BreakerSnapshot> pending = new ConcurrentLinkedQueue<>();
    /** Permanent trips whose notification waits for the database; a dead key per scope and cooldown, so few. */
    private final PendingRows<BreakerTransition> trips = new PendingRows<>(10_000);
    private final OutageLog outage = new OutageLog(LOG, "breaker writer");
    private RowBatch<BreakerSnapshot> writer;
    private volatile BreakerRegistry registry;
    private Instant lastWritten = Instant.EPOCH;
    private ScheduledFuture<?> flushTask;
    private ScheduledFuture<?> refreshTask;

    void attach(BreakerRegistry registry) {
        this.writer = new RowBatch<>(dataSource, UPSERT, CircuitStatesTable::bind, b -> "breaker state of " + b.scope().id(), LOG);
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
        if (!ShutdownDrain.within(settings.shutdownDrain(), this::flush)) {
            LOG.warning("Breaker states or notifications could not be written before the stop");
        }
    }

    void onTransition(BreakerTransition transition) {
        pending.add(transition.after());
        if (transition.newPermanentTrip()) {
            if (!trips.add(transition)) {
                LOG.warning("Too many breaker notifications wait for the database; dropped the one of " + transition.scope().id());
            }
        }
    }

    /** Writes waiting states, then waiting notifications; true when nothing is left waiting. */
    public synchronized boolean flush() {
        Map<String, BreakerSnapshot> latest = new LinkedHashMap<>();
        for (BreakerSnapshot s; (s = pending.poll()) != null; ) {
            latest.merge(s.scope().id(), s, (a, b) -> b.isNewerThan(a) ? b : a);
        }
        RowBatch.Outcome<BreakerSnapshot> outcome = writer.write(new ArrayList<>(latest.values()));
        if (outcome.databaseUnavailable()) {
            pending.addAll(outcome.unwritten());
            outage.unavailable(() -> latest.size() + " breaker states and " + trips.size() + " notifications");
            return false;
        }
        for (List<BreakerTransition> batch; !(batch = trips.take(100)).isEmpty(); ) {
            for (int i = 0; i < batch.size(); i++) {
                try {
                    notifier.notify(batch.get(i));
                } catch (RuntimeException e) {
                    if (DatabaseFailure.isUnavailable(e)) {
                        // the admin must hear of a dead key even if the database blinked: the next flush tries again
                        trips.putBack(batch.subList(i, batch.size()));
                        outage.unavailable(() -> trips.size() + " notifications");
                        return false;
                    }
                    LOG.log(Level.WARNING, "The database refused the notification of " + batch.get(i).scope().id()
                            + "; dropped it: " + e.getMessage());
                }
            }
        }
        if (!latest.isEmpty()) {
            outage.written();
        }
        return true;
    }

    /** Writes one state now, for an admin's reset: the caller hears of a failure (503 while the database is down). */
    void write(BreakerSnapshot snapshot) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            bind(s, snapshot);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the breaker state of " + snapshot.scope().id(), e);
        }
    }

    /**
     * Deletes the rows of breakers whose credential is gone, and of model breakers no config uses any
     * more (SPEC §5's scopes outlive nothing they guard). Idempotent: any instance may run it.
     */
    int deleteOrphans() {
        String sql = "DELETE FROM circuit_states cs WHERE cs.credential_id IS NOT NULL AND ("
                + " NOT EXISTS (SELECT 1 FROM credentials c WHERE c.id = cs.credential_id)"
                + " OR (cs.scope = 'MODEL' AND NOT EXISTS (SELECT 1 FROM llm_configs lc"
                + "     WHERE lc.credential_id = cs.credential_id AND lc.model = cs.model)))";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete breakers of deleted credentials and configs", e);
        }
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
        String sql = "SELECT scope_id, state, error_class, reason, open_until, consecutive_trips, updated_at, written_at"
                + " FROM circuit_states WHERE written_at > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(lastWritten.minusSeconds(5)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp openUntil = rs.getTimestamp(5);
                    target.apply(BreakerSnapshot.fromRow(ScopeKey.parse(rs.getString(1)),
                            BreakerState.valueOf(rs.getString(2)), errorClass(rs.getString(3)), rs.getString(4),
                            openUntil == null ? null : openUntil.toInstant(), rs.getInt(6), rs.getTimestamp(7).toInstant()));
                    Instant written = rs.getTimestamp(8).toInstant();
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
        s.setString(3, StoredText.clean(scope.provider(), 40));
        if (scope.credentialId() == null) {
            s.setNull(4, Types.BIGINT);
        } else {
            s.setLong(4, scope.credentialId());
        }
        s.setString(5, StoredText.clean(scope.baseUrl(), 500));
        s.setString(6, StoredText.clean(scope.model(), 300));
        s.setString(7, snapshot.state().name());
        s.setString(8, snapshot.cause() == null ? null : snapshot.cause().wireName());
        s.setString(9, StoredText.clean(snapshot.reason(), 500));
        s.setTimestamp(10, snapshot.openUntil() == null ? null : Timestamp.from(ColumnRange.timestamp(snapshot.openUntil())));
        s.setInt(11, Math.max(0, snapshot.trips()));
        s.setTimestamp(12, Timestamp.from(ColumnRange.timestamp(snapshot.updatedAt())));
    }

    /**
     * The stored class; null for a row of a class this version does not know (written by a newer
     * release during a rolling upgrade): the breaker then counts as transient, the safe default.
     */
    private static ErrorClass errorClass(String wireName) {
        if (wireName == null) {
            return null;
        }
        try {
            return ErrorClass.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
