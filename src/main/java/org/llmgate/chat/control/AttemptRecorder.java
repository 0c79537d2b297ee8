package org.llmgate.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.llmgate.chat.entity.AttemptRecord;
import org.llmgate.platform.Background;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.platform.SchemaReady;
import org.llmgate.platform.Settings;
import org.llmgate.platform.persistence.ColumnRange;
import org.llmgate.platform.persistence.OutageLog;
import org.llmgate.platform.persistence.PendingRows;
import org.llmgate.platform.persistence.RetentionJob;
import org.llmgate.platform.persistence.RowBatch;
import org.llmgate.platform.persistence.ShutdownDrain;
import org.llmgate.platform.persistence.StoredText;

/**
 * Writes attempt rows off the streaming path: the relay only enqueues, a background task inserts
 * in JDBC batches a few times a second. During a database outage the rows wait in a bounded queue
 * and are written when it is back (SPEC §10 "Faults").
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class.getName());
    /** About 30 MB of rows: hours of a busy outage; past it, losing audit rows beats exhausting the heap. */
    private static final int MAX_QUEUE = 100_000;
    private static final int BATCH = 1000;
    /** SPEC §11: who the attempt was for and what it cost (parameters 15–21, see {@link #setUsage}). */
    private static final String USAGE_COLUMNS = "organization_id, course_id, homework_id, user_id, cost_cents, estimated, unpriced";
    private static final String INSERT = "INSERT INTO attempts (request_id, hop, config_id, provider, model, endpoint,"
            + " outcome, error_class, http_status, skip_reason, latency_ms, input_tokens, output_tokens, created_at,"
            + USAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Background background;
    @Inject
    Settings settings;

    private final PendingRows<AttemptRecord> queue = new PendingRows<>(MAX_QUEUE);
    private final OutageLog outage = new OutageLog(LOG, "attempt writer");
    private RowBatch<AttemptRecord> writer;
    private ScheduledFuture<?> task;
    private long droppedLogged;

    /**
     * Starts the writer (in {@code @PostConstruct}) before the first chat, and SPEC §11's daily
     * deletion of attempt rows older than {@code LLMGATE_USAGE_RETENTION_DAYS} (400).
     */
    void start(@Observes SchemaReady ready) {
        background.everyRetentionPeriod(new RetentionJob(dataSource, "attempts", "created_at",
                Duration.ofDays(settings.integer("llmgate.usage.retention-days", 400))));
    }

    @PostConstruct
    void schedule() {
        writer = new RowBatch<>(dataSource, INSERT, AttemptRecorder::bind,
                a -> "attempt " + a.requestId() + " hop " + a.hop(), LOG);
        task = background.every(250, "attempt writer", this::flush);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
        if (!ShutdownDrain.within(settings.shutdownDrain(), this::flush)) {
            LOG.warning(queue.size() + " attempt rows could not be written before the stop");
        }
    }

    public void record(AttemptRecord attempt) {
        queue.add(attempt);
    }

    /** Writes everything queued; true when nothing is left waiting. */
    synchronized boolean flush() {
        reportDrops();
        for (List<AttemptRecord> batch; !(batch = queue.take(BATCH)).isEmpty(); ) {
            RowBatch.Outcome<AttemptRecord> outcome = writer.write(batch);
            if (outcome.databaseUnavailable()) {
                queue.putBack(outcome.unwritten());
                outage.unavailable(() -> queue.size() + " attempt rows");
                return false;
            }
            outage.written();
        }
        return true;
    }

    private void reportDrops() {
        long dropped = queue.dropped();
        if (dropped > droppedLogged) {
            LOG.log(Level.WARNING, (dropped - droppedLogged) + " attempt rows dropped: " + MAX_QUEUE + " were already waiting for the database");
            droppedLogged = dropped;
        }
    }

    private static void bind(PreparedStatement s, AttemptRecord a) throws SQLException {
        s.setString(1, StoredText.clean(a.requestId(), 40));
        s.setInt(2, ColumnRange.integer(a.hop()));
        setLong(s, 3, a.configId());
        s.setString(4, StoredText.clean(a.provider(), 40));
        s.setString(5, StoredText.clean(a.model(), 300));
        s.setString(6, StoredText.clean(a.endpoint(), 40));
        s.setString(7, a.outcome().wireName());
        s.setString(8, StoredText.clean(a.errorClass(), 40));
        Integer status = a.httpStatus() == null ? null : ColumnRange.count(a.httpStatus().longValue());
        if (status == null) {
            s.setNull(9, Types.INTEGER);
        } else {
            s.setInt(9, status);
        }
        s.setString(10, StoredText.clean(a.skipReason(), 300));
        setLong(s, 11, ColumnRange.nonNegative(a.latencyMs()));
        setLong(s, 12, ColumnRange.nonNegative(a.inputTokens()));
        setLong(s, 13, ColumnRange.nonNegative(a.outputTokens()));
        s.setTimestamp(14, Timestamp.from(ColumnRange.timestamp(a.createdAt())));
        setUsage(s, a);
    }

    /** Budgets and usage reports (SPEC §11): parameters 15–21. */
    private static void setUsage(PreparedStatement s, AttemptRecord a) throws SQLException {
        setLong(s, 15, a.payer() == null ? null : a.payer().organizationId());
        setLong(s, 16, a.payer() == null ? null : a.payer().courseId());
        setLong(s, 17, a.payer() == null ? null : a.payer().homeworkId());
        s.setString(18, a.payer() == null ? null : StoredText.clean(a.payer().user(), 128));
        s.setBigDecimal(19, a.costCents());
        s.setBoolean(20, a.estimated());
        s.setBoolean(21, a.unpriced());
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
