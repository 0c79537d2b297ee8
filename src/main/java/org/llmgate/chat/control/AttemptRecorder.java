package org.llmgate.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.llmgate.chat.entity.AttemptRecord;
import org.llmgate.platform.Background;
import org.llmgate.platform.LlmgateDataSource;

/**
 * Writes attempt rows off the streaming path: the relay only enqueues, a background task inserts
 * in JDBC batches a few times a second.
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class.getName());
    private static final int MAX_QUEUE = 100_000;
    /** SPEC §11: who the attempt was for and what it cost (parameters 15–21, see {@link #setUsage}). */
    private static final String USAGE_COLUMNS = "organization_id, course_id, homework_id, user_id, cost_cents, estimated, unpriced";
    private static final String INSERT = "INSERT INTO attempts (request_id, hop, config_id, provider, model, endpoint,"
            + " outcome, error_class, http_status, skip_reason, latency_ms, input_tokens, output_tokens, created_at,"
            + USAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Background background;

    private final ConcurrentLinkedQueue<AttemptRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private ScheduledFuture<?> task;

    /** Called by {@link org.llmgate.platform.Housekeeping} at start-up, so this bean exists before the first chat. */
    public void start() {
        // instantiation (and its @PostConstruct) is the point
    }

    @PostConstruct
    void schedule() {
        task = background.every(250, "attempt writer", this::flush);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
        flush();
    }

    public void record(AttemptRecord attempt) {
        // bounded: if the database is down for long, losing audit rows beats exhausting the heap
        if (size.incrementAndGet() > MAX_QUEUE) {
            size.decrementAndGet();
            return;
        }
        queue.add(attempt);
    }

    synchronized void flush() {
        List<AttemptRecord> batch = new ArrayList<>();
        for (AttemptRecord a; batch.size() < 1000 && (a = queue.poll()) != null; ) {
            batch.add(a);
        }
        if (batch.isEmpty()) {
            return;
        }
        size.addAndGet(-batch.size());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (AttemptRecord a : batch) {
                s.setString(1, a.requestId());
                s.setInt(2, a.hop());
                setLong(s, 3, a.configId());
                s.setString(4, a.provider());
                s.setString(5, a.model());
                s.setString(6, a.endpoint());
                s.setString(7, a.outcome().wireName());
                s.setString(8, a.errorClass());
                if (a.httpStatus() == null) {
                    s.setNull(9, Types.INTEGER);
                } else {
                    s.setInt(9, a.httpStatus());
                }
                s.setString(10, a.skipReason());
                setLong(s, 11, a.latencyMs());
                setLong(s, 12, a.inputTokens());
                setLong(s, 13, a.outputTokens());
                s.setTimestamp(14, Timestamp.from(a.createdAt()));
                setUsage(s, a);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not record " + batch.size() + " attempts: " + e.getMessage());
        }
    }

    /** Budgets and usage reports (SPEC §11): parameters 15–21. */
    private static void setUsage(PreparedStatement s, AttemptRecord a) throws SQLException {
        setLong(s, 15, a.payer() == null ? null : a.payer().organizationId());
        setLong(s, 16, a.payer() == null ? null : a.payer().courseId());
        setLong(s, 17, a.payer() == null ? null : a.payer().homeworkId());
        s.setString(18, a.payer() == null ? null : a.payer().user());
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
