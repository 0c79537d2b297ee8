package org.llmgate.learning.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.llmgate.learning.HintBook;
import org.llmgate.learning.HintKey;
import org.llmgate.learning.HintSnapshot;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;

/**
 * model_hints in PostgreSQL: what the hint book learned is written in batches off the chat path,
 * restored at start-up, and merged from other cluster instances every couple of seconds.
 */
@ApplicationScoped
public class HintStore {

    private static final Logger LOG = Logger.getLogger(HintStore.class.getName());
    static final String COLUMNS = "id, provider, model_id, success_count, error_count, last_error_class, last_error_message,"
            + " supported_endpoints, unsupported_endpoints, preferred_endpoint, blacklisted, blacklist_reason,"
            + " blacklist_manual, blacklisted_at, updated_at";
    private static final String UPSERT = "INSERT INTO model_hints (provider, model_id, success_count, error_count,"
            + " last_error_class, last_error_message, supported_endpoints, unsupported_endpoints, preferred_endpoint,"
            + " blacklisted, blacklist_reason, blacklist_manual, blacklisted_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (provider, model_id) DO UPDATE SET success_count = excluded.success_count,"
            + " error_count = excluded.error_count, last_error_class = excluded.last_error_class,"
            + " last_error_message = excluded.last_error_message, supported_endpoints = excluded.supported_endpoints,"
            + " unsupported_endpoints = excluded.unsupported_endpoints, preferred_endpoint = excluded.preferred_endpoint,"
            + " blacklisted = excluded.blacklisted, blacklist_reason = excluded.blacklist_reason,"
            + " blacklist_manual = excluded.blacklist_manual, blacklisted_at = excluded.blacklisted_at,"
            + " updated_at = excluded.updated_at WHERE model_hints.updated_at <= excluded.updated_at";

    /** A stored hint and its row id (the id admins use in the REST API). */
    public record StoredHint(long id, HintSnapshot hint) {
    }

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private volatile HintBook book;
    private Instant lastSeen = Instant.EPOCH;
    private ScheduledFuture<?> flushTask;
    private ScheduledFuture<?> refreshTask;

    void attach(HintBook book) {
        this.book = book;
        refresh();
        flushTask = scheduler.scheduleWithFixedDelay(this::flush, 500, 500, TimeUnit.MILLISECONDS);
        refreshTask = scheduler.scheduleWithFixedDelay(this::refresh, 2, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (flushTask != null) {
            flushTask.cancel(false);
            refreshTask.cancel(false);
        }
        flush();
    }

    public synchronized void flush() {
        HintBook target = book;
        if (target == null) {
            return;
        }
        List<HintSnapshot> dirty = target.drainDirty();
        if (dirty.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (HintSnapshot h : dirty) {
                bind(s, h);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not persist " + dirty.size() + " model hints: " + e.getMessage());
        }
    }

    synchronized void refresh() {
        HintBook target = book;
        if (target == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM model_hints WHERE updated_at > ?")) {
            s.setTimestamp(1, Timestamp.from(lastSeen.minusSeconds(5)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    HintSnapshot hint = read(rs).hint();
                    target.load(hint);
                    if (hint.updatedAt().isAfter(lastSeen)) {
                        lastSeen = hint.updatedAt();
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read model hints: " + e.getMessage());
        }
    }

    public List<StoredHint> all() {
        flush();
        List<StoredHint> hints = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM model_hints ORDER BY provider, model_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                hints.add(read(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read model hints", e);
        }
        return hints;
    }

    public Optional<StoredHint> find(long id) {
        flush();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM model_hints WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read model hint " + id, e);
        }
    }

    private static StoredHint read(ResultSet rs) throws SQLException {
        String lastClass = rs.getString(6);
        Timestamp blacklistedAt = rs.getTimestamp(14);
        String preferred = rs.getString(10);
        HintSnapshot hint = new HintSnapshot(new HintKey(rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getLong(5),
                lastClass == null ? null : ErrorClass.fromWireName(lastClass), rs.getString(7),
                endpoints(rs.getString(8)), endpoints(rs.getString(9)),
                preferred == null ? null : Endpoint.fromWireName(preferred),
                rs.getBoolean(11), rs.getString(12), blacklistedAt == null ? null : blacklistedAt.toInstant(),
                rs.getBoolean(13), rs.getTimestamp(15).toInstant(), 0);
        return new StoredHint(rs.getLong(1), hint);
    }

    private static void bind(PreparedStatement s, HintSnapshot h) throws SQLException {
        s.setString(1, h.key().provider());
        s.setString(2, h.key().modelId());
        s.setLong(3, h.successCount());
        s.setLong(4, h.errorCount());
        s.setString(5, h.lastErrorClass() == null ? null : h.lastErrorClass().wireName());
        s.setString(6, h.lastErrorMessage());
        s.setString(7, joined(h.supportedEndpoints()));
        s.setString(8, joined(h.unsupportedEndpoints()));
        s.setString(9, h.preferredEndpoint() == null ? null : h.preferredEndpoint().wireName());
        s.setBoolean(10, h.blacklisted());
        s.setString(11, h.blacklistReason());
        s.setBoolean(12, h.manual());
        s.setTimestamp(13, h.blacklistedAt() == null ? null : Timestamp.from(h.blacklistedAt()));
        s.setTimestamp(14, Timestamp.from(h.updatedAt()));
    }

    static String joined(Set<Endpoint> endpoints) {
        return endpoints.isEmpty() ? null
                : endpoints.stream().map(Endpoint::wireName).sorted().collect(Collectors.joining(","));
    }

    static Set<Endpoint> endpoints(String column) {
        Set<Endpoint> set = EnumSet.noneOf(Endpoint.class);
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.split(",")).map(String::strip).map(Endpoint::fromWireName).forEach(set::add);
        }
        return set;
    }
}
