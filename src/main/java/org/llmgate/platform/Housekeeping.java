package org.llmgate.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.llmgate.chat.control.AttemptRecorder;
import org.llmgate.learning.store.Hints;
import org.llmgate.resilience.store.Breakers;

/**
 * Starts the beans that work in the background (restoring breakers and hints, writing attempts)
 * once the schema exists, from an EJB start-up context: their periodic tasks then carry a
 * component context the managed scheduler can restore, and the relay, which first touches them
 * from an HTTP client thread, finds them ready.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class Housekeeping {

    @Inject
    Breakers breakers;
    @Inject
    Hints hints;
    @Inject
    AttemptRecorder recorder;

    @PostConstruct
    void start() {
        breakers.start();
        hints.start();
        recorder.start();
    }
}
