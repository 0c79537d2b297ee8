package org.llmgate.resilience.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.platform.Background;
import org.llmgate.platform.SchemaReady;
import org.llmgate.platform.Settings;
import org.llmgate.resilience.FailureScope;
import org.llmgate.resilience.ScopeKey;

/**
 * Breakers of deleted credentials and of models no config uses any more are forgotten, in the
 * database and in this instance's memory, every {@code llmgate.breaker.cleanup-seconds} (default
 * 5 minutes): they guard nothing, and would otherwise show on the health page for ever.
 */
@ApplicationScoped
public class BreakerCleanup {

    private static final Logger LOG = Logger.getLogger(BreakerCleanup.class.getName());

    @Inject
    Background background;
    @Inject
    Settings settings;
    @Inject
    CircuitStatesTable store;
    @Inject
    HopGuard breakers;
    @Inject
    ConfigCache cache;

    void start(@Observes SchemaReady ready) {
        long period = settings.seconds("llmgate.breaker.cleanup-seconds", Duration.ofMinutes(5)).toMillis();
        background.every(period, "breaker cleanup", this::run);
    }

    void run() {
        int deleted = store.deleteOrphans();
        if (cache.stale()) {
            // the snapshot may not show a credential created a moment ago: judge memory next time
            return;
        }
        List<ScopeKey> forgotten = breakers.forget(orphanOf(cache.snapshot()));
        if (deleted > 0 || !forgotten.isEmpty()) {
            LOG.log(Level.INFO, "Forgot the breakers of deleted credentials and configs: " + deleted
                    + " rows, " + forgotten.size() + " in memory");
        }
    }

    /** Whether a scope belongs to a credential that is gone, or is a model no config of its credential names. */
    static java.util.function.Predicate<ScopeKey> orphanOf(ConfigSnapshot snapshot) {
        Set<Long> credentials = new HashSet<>(snapshot.credentials().keySet());
        Set<String> models = new HashSet<>();
        for (LlmConfigView config : snapshot.configs().values()) {
            credentials.add(config.credentialId());
            models.add(config.credentialId() + "|" + config.model());
        }
        return scope -> scope.scope() != FailureScope.ENDPOINT
                && (!credentials.contains(scope.credentialId())
                || scope.scope() == FailureScope.MODEL && !models.contains(scope.credentialId() + "|" + scope.model()));
    }
}
