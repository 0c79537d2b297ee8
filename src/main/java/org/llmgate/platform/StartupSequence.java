package org.llmgate.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The order of start-up: the schema first ({@link SchemaMigration}), then every feature's
 * background work and first loads (they observe {@link SchemaReady}), then readiness. From an EJB
 * start-up context: the features' periodic tasks then carry a component context the managed
 * scheduler can restore, and the relay, which first touches their beans from an HTTP client
 * thread, finds them ready.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class StartupSequence {

    /** Logged once per deployment; the restart test counts it to prove start-up ran once. */
    static final String STARTED = "llmgate start-up done: schema migrated, configuration loaded, background writers running";
    private static final Logger LOG = Logger.getLogger(StartupSequence.class.getName());

    @Inject
    Event<SchemaReady> schemaReady;
    @Inject
    Lifecycle lifecycle;

    @PostConstruct
    void start() {
        schemaReady.fire(new SchemaReady());
        lifecycle.writersRunning();
        CommonPool.advice(java.util.concurrent.ForkJoinPool.getCommonPoolParallelism()).ifPresent(LOG::warning);
        LOG.info(STARTED);
    }
}
