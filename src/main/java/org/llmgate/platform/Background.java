package org.llmgate.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.platform.persistence.RetentionJob;

/**
 * The few periodic jobs (writing attempts, breakers and hints; reading other instances' changes)
 * on two container-managed threads. Periodic tasks on the managed scheduled executor re-enter and
 * leave a component context on every run, which Payara logs as an error when the task was
 * scheduled during start-up; threads from the managed thread factory carry the context for life.
 */
@ApplicationScoped
public class Background {

    private static final Logger LOG = Logger.getLogger(Background.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    Settings settings;

    private ScheduledExecutorService scheduler;

    @PostConstruct
    void init() {
        scheduler = Executors.newScheduledThreadPool(2, threads);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** False once the scheduler has been shut down (undeploy) or failed: nothing periodic runs any more. */
    public boolean running() {
        return !scheduler.isShutdown();
    }

    /**
     * Runs a retention job every {@code llmgate.retention.period-seconds} (a day), the first time
     * within a minute: a daily job must not wait a day after each restart.
     */
    public void everyRetentionPeriod(RetentionJob job) {
        long period = settings.seconds("llmgate.retention.period-seconds", Duration.ofDays(1)).toMillis();
        every(Math.min(period, Duration.ofMinutes(1).toMillis()), period, job.name(), () -> job.run(Instant.now()));
    }

    /** Runs {@code job} once, soon, off the caller's thread; a failure is logged. */
    public void soon(String name, Runnable job) {
        scheduler.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** Runs {@code job} every {@code periodMillis}; a failing run is logged and the next one still happens. */
    public ScheduledFuture<?> every(long periodMillis, String name, Runnable job) {
        return every(periodMillis, periodMillis, name, job);
    }

    /** Like {@link #every(long, String, Runnable)}, first run after {@code initialDelayMillis}: a daily job must not wait a day after each restart. */
    public ScheduledFuture<?> every(long initialDelayMillis, long periodMillis, String name, Runnable job) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed: " + e.getMessage(), e);
            }
        }, initialDelayMillis, periodMillis, TimeUnit.MILLISECONDS);
    }
}
