package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.llmgate.platform.Lifecycle;
import org.llmgate.platform.SchemaReady;

/**
 * Loads the configuration snapshot at start-up: the first chat after a restart does not pay for
 * it, and readiness can say it is there.
 */
@ApplicationScoped
public class FirstConfigLoad {

    @Inject
    ConfigCache cache;
    @Inject
    Lifecycle lifecycle;

    void load(@Observes SchemaReady ready) {
        cache.snapshot();
        lifecycle.configLoaded();
    }
}
