package org.llmgate.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.llmgate.chat.control.AttemptRecorder;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.learning.store.Hints;
import org.llmgate.resilience.store.Breakers;

/**
 * Starts the beans that work in the background (restoring breakers and hints, writing attempts)
 * once the schema exists, from an EJB start-up context: their periodic tasks then carry a
 * component context the managed scheduler can restore, and the relay, which first touches them
 * from an HTTP client thread, finds them ready. It also loads the first configuration snapshot,
 * so the first chat after a restart does not pay for it and readiness can say it is there.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class Housekeeping {

    /** Logged once per deployment; the restart test counts it to prove start-up ran once. */
    static final String STARTED = "llmgate start-up done: schema migrated, configuration loaded, background writers running";
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    Breakers breakers;
    @Inject
    Hints hints;
    @Inject
    AttemptRecorder recorder;
    @Inject
    ConfigCache configs;
    @Inject
    Lifecycle lifecycle;

    @PostConstruct
    void start() {
        breakers.start();
        hints.start();
        recorder.start();
        lifecycle.writersRunning();
        configs.snapshot();
        lifecycle.configLoaded();
        LOG.info(STARTED);
    }
}
