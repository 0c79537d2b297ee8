package org.llmgate.learning.store;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.llmgate.learning.HintBook;
import org.llmgate.learning.HintKey;
import org.llmgate.learning.HintSnapshot;
import org.llmgate.platform.Background;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.platform.Settings;
import org.llmgate.platform.persistence.ColumnRange;
import org.llmgate.platform.persistence.OutageLog;
import org.llmgate.platform.persistence.RowBatch;
import org.llmgate.platform.persistence.ShutdownDrain;
import org.llmgate.platform.persistence.StoredText;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;

/**
 * The {@code model_hints} table: what the hint book learned is written in batches off the chat path,
 * restored at start-up, and merged from other cluster instances every couple of seconds.
 */
@ApplicationScoped
public class ModelHintsTable {

    private static final Logger LOG = Logger.getLogger(ModelHintsTable.class.getName());
    static final String COLUMNS = "id, provider, model_id, success_count, error_count, last_error_class, last_error_message,"
            + " supported_endpoints, unsupported_endpoints, preferred_endpoint, blacklisted, blacklist_reason,"
            + " blacklist_manual, blacklisted_at, updated_at";
    private static final String UPSERT = "INSERT INTO model_hints (provider, model_id, success_count, error_count,"
            + " last_error_class, last_error_message, supported_endpoints, unsupported_endpoints, preferred_endpoint,"
            + " blacklisted, blacklist_reason, blacklist_manual, blacklisted_at, updated_at, written_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
            + " ON CONFLICT (provider, model_id) DO UPDATE SET success_count = excluded.success_count,"
            + " error_count = excluded.error_count, last_error_class = excluded.last_error_class,"
            + " last_error_message = excluded.last_error_message, supported_endpoints = excluded.supported_endpoints,"
            + " unsupported_endpoints = excluded.unsupported_endpoints, preferred_endpoint = excluded.preferred_endpoint,"
            + " blacklisted = excluded.blacklisted, blacklist_reason = excluded.blacklist_reason,"
            + " blacklist_manual = excluded.blacklist_manual, blacklisted_at = excluded.blacklisted_at,"
            + " updated_at = excluded.updated_at, written_at = clock_timestamp()"
            + " WHERE model_hints.updated_at <= excluded.updated_at";

    /** A stored hint and its row id (the id admins use in the REST API). */
    public record StoredHint(long id, HintSnapshot hint) {
    }

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Background background;
    @Inject
    Settings settings;

    private final OutageLog outage = new OutageLog(LOG, "hint writer");
    private RowBatch<HintSnapshot> writer;
    private volatile HintBook book;
    private List<HintSnapshot> unwritten = List.of();
    private Instant lastWritten = Instant.EPOCH;
    private ScheduledFuture<?> flushTask;
    private ScheduledFuture<?> refreshTask;

    void attach(HintBook book) {
        this.writer = new RowBatch<>(dataSource, UPSERT, ModelHintsTable::bind,
                h -> "the hint of " + h.key().provider() + " model " + StoredText.clean(h.key().modelId(), 300), LOG);
        this.book = book;
        refresh();
        flushTask = background.every(500, "hint writer", this::flush);
        refreshTask = background.every(2000, "hint refresh", this::refresh);
    }

    @PreDestroy
    void stop() {
        if (flushTask != null) {
            flushTask.cancel(false);
            refreshTask.cancel(false);
        }
        if (!ShutdownDrain.within(settings.shutdownDrain(), this::flush)) {
            LOG.warning(unwritten.size() + " model hints could not be written before the stop");
        }
    }

    /** Writes the hints learned since the last call; true when nothing is left waiting. */
    public synchronized boolean flush() {
        HintBook target = book;
        if (target == null) {
            return true;
        }
        // drained states are no longer dirty in the book: a failed write keeps them here for the next try
        Map<HintKey, HintSnapshot> latest = new LinkedHashMap<>();
        for (HintSnapshot h : unwritten) {
            latest.put(h.key(), h);
        }
        for (HintSnapshot h : target.drainDirty()) {
            latest.merge(h.key(), h, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
        }
        // one entry per model: the queue is bounded by the models in use, however long the outage
        List<HintSnapshot> dirty = new ArrayList<>(latest.values());
        RowBatch.Outcome<HintSnapshot> outcome = writer.write(dirty);
        unwritten = outcome.unwritten();
        if (outcome.databaseUnavailable()) {
            outage.unavailable(() -> unwritten.size() + " model hints");
            return false;
        }
        if (!dirty.isEmpty()) {
            outage.written();
        }
        return true;
    }

    /** Merges rows written since the last look, by the database's clock (see CircuitStatesTable#refresh). */
    synchronized void refresh() {
        HintBook target = book;
        if (target == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", written_at FROM model_hints WHERE written_at > ?")) {
            s.setTimestamp(1, Timestamp.from(lastWritten.minusSeconds(5)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    target.load(read(rs).hint());
                    Instant written = rs.getTimestamp(16).toInstant();
                    if (written.isAfter(lastWritten)) {
                        lastWritten = written;
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
        s.setString(1, StoredText.clean(h.key().provider(), 40));
        s.setString(2, StoredText.clean(h.key().modelId(), 300));
        s.setLong(3, Math.max(0, h.successCount()));
        s.setLong(4, Math.max(0, h.errorCount()));
        s.setString(5, h.lastErrorClass() == null ? null : h.lastErrorClass().wireName());
        s.setString(6, StoredText.clean(h.lastErrorMessage(), 500));
        s.setString(7, joined(h.supportedEndpoints()));
        s.setString(8, joined(h.unsupportedEndpoints()));
        s.setString(9, h.preferredEndpoint() == null ? null : h.preferredEndpoint().wireName());
        s.setBoolean(10, h.blacklisted());
        s.setString(11, StoredText.clean(h.blacklistReason(), 500));
        s.setBoolean(12, h.manual());
        s.setTimestamp(13, h.blacklistedAt() == null ? null : Timestamp.from(ColumnRange.timestamp(h.blacklistedAt())));
        s.setTimestamp(14, Timestamp.from(ColumnRange.timestamp(h.updatedAt())));
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
