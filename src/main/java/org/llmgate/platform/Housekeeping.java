package org.llmgate.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import java.util.logging.Logger;
import org.llmgate.chat.control.AttemptRecorder;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.learning.store.ModelLearning;
import org.llmgate.platform.persistence.RetentionJob;
import org.llmgate.resilience.store.BreakerCleanup;
import org.llmgate.resilience.store.HopGuard;

/**
 * Starts the beans that work in the background (restoring breakers and hints, writing attempts,
 * forgetting orphaned breakers, deleting rows past their retention) once the schema exists, from
 * an EJB start-up context: their periodic tasks then carry a component context the managed
 * scheduler can restore, and the relay, which first touches them from an HTTP client thread, finds
 * them ready. It also loads the first configuration snapshot, so the first chat after a restart
 * does not pay for it and readiness can say it is there.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class Housekeeping {

    /** Logged once per deployment; the restart test counts it to prove start-up ran once. */
    static final String STARTED = "llmgate start-up done: schema migrated, configuration loaded, background writers running";
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    HopGuard breakers;
    @Inject
    ModelLearning hints;
    @Inject
    AttemptRecorder recorder;
    @Inject
    BreakerCleanup cleanup;
    @Inject
    Background background;
    @Inject
    Settings settings;
    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    ConfigCache configs;
    @Inject
    Lifecycle lifecycle;

    @PostConstruct
    void start() {
        breakers.start();
        hints.start();
        recorder.start();
        cleanup.start();
        scheduleRetention();
        lifecycle.writersRunning();
        configs.snapshot();
        lifecycle.configLoaded();
        LOG.info(STARTED);
    }

    /**
     * SPEC §11: attempt rows older than {@code LLMGATE_USAGE_RETENTION_DAYS} (400) are deleted daily;
     * notifications likewise after {@code LLMGATE_NOTIFICATIONS_RETENTION_DAYS} (180), acknowledged
     * or not: an alert half a year old is history, and the table must not grow for ever.
     */
    private void scheduleRetention() {
        RetentionJob attempts = new RetentionJob(dataSource, "attempts", "created_at",
                Duration.ofDays(settings.integer("llmgate.usage.retention-days", 400)));
        RetentionJob notifications = new RetentionJob(dataSource, "notifications", "created_at",
                Duration.ofDays(settings.integer("llmgate.notifications.retention-days", 180)));
        long period = settings.seconds("llmgate.retention.period-seconds", Duration.ofDays(1)).toMillis();
        background.every(Math.min(period, Duration.ofMinutes(1).toMillis()), period, "retention", () -> {
            attempts.run(Instant.now());
            notifications.run(Instant.now());
        });
    }
}
