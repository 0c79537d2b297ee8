package org.llmgate.config.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.platform.AppState;
import org.llmgate.platform.Settings;

/**
 * Cluster coherence for the config cache: one tiny query every few seconds (not one per request)
 * notices a change made on another instance.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class ConfigVersionWatcher {

    private static final Logger LOG = Logger.getLogger(ConfigVersionWatcher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    ConfigCache cache;
    @Inject
    AppState appState;
    @Inject
    Settings settings;

    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        long period = settings.configRefresh().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void check() {
        try {
            if (appState.configVersion() != cache.loadedVersion()) {
                cache.invalidate();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Config version check failed: " + e.getMessage());
        }
    }
}
