package org.llmgate.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.platform.Lifecycle;
import org.llmgate.platform.Settings;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The graceful stop (issue 15). Payara Micro answers SIGTERM by stopping its web container first:
 * new requests get a bare 503 and every open stream is cut without an event, before any of the
 * app's own stop hooks runs. So llmgate takes SIGTERM itself: readiness turns DOWN, new chats get
 * a 503 problem with Retry-After ({@link OpenChats}), and the open streams get, within a bound,
 * the time to send their {@code done} or {@code error} event; their queued attempts are written.
 * Only then is SIGTERM passed on to the JVM's own handler, whose shutdown undeploys the WAR (the
 * other writers flush in their {@code @PreDestroy}). A second SIGTERM while draining stops at once.
 */
@Startup
@Singleton
@DependsOn("StartupSequence")
public class ChatDrain {

    private static final Logger LOG = Logger.getLogger(ChatDrain.class.getName());
    private static final Signal TERM = new Signal("TERM");

    @Inject
    OpenChats openChats;
    @Inject
    Lifecycle lifecycle;
    @Inject
    Settings settings;
    @Inject
    AttemptRecorder attempts;
    @Inject
    org.llmgate.learning.store.ModelHintsTable hints;
    @Inject
    org.llmgate.resilience.store.CircuitStatesTable breakerStates;
    @Inject
    org.llmgate.budget.control.BudgetLeases budgetSlices;

    private final AtomicBoolean draining = new AtomicBoolean();
    private SignalHandler jvmHandler;
    /** The JVM runs a signal handler on a new thread with no context class loader; CDI needs the app's. */
    private ClassLoader appLoader;

    @PostConstruct
    void takeSigterm() {
        appLoader = Thread.currentThread().getContextClassLoader();
        try {
            jvmHandler = Signal.handle(TERM, this::onSigterm);
        } catch (IllegalArgumentException e) {
            // -Xrs or an embedding that owns the signal: the undeploy hook below still drains what it can
            LOG.log(Level.WARNING, "Cannot handle SIGTERM; a stop will cut open streams", e);
        }
    }

    private void onSigterm(Signal signal) {
        Thread.currentThread().setContextClassLoader(appLoader);
        try {
            if (draining.compareAndSet(false, true)) {
                drain();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Draining failed; stopping anyway", e);
        } finally {
            jvmHandler.handle(signal);
        }
    }

    /** Undeploy without a signal (Payara Server, redeploy): drain as far as the container still lets us. */
    @PreDestroy
    void onUndeploy() {
        if (jvmHandler != null) {
            Signal.handle(TERM, jvmHandler);
        }
        if (draining.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        lifecycle.stopping();
        Duration bound = settings.streamDrain();
        int open = openChats.open();
        long started = System.nanoTime();
        int left = openChats.drain(bound);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (left == 0) {
            LOG.info(() -> "Stopping: " + open + " open chats ended in " + millis + " ms");
        } else {
            LOG.warning(() -> "Stopping: " + left + " of " + open + " chats still open after " + bound.toSeconds()
                    + " s; they are cut now");
        }
        writeQueuedAttempts();
    }

    /**
     * The chats that just ended queued their attempts; write them now, while the data source is
     * certainly still there (the writer's own @PreDestroy runs when the container tears down, too
     * late to count on). Bounded by the queue: no chat is open, so nothing new arrives.
     */
    private void writeQueuedAttempts() {
        // one shared deadline for all three queues (ShutdownDrain): attempts first, they are the audit trail
        boolean all = org.llmgate.platform.persistence.ShutdownDrain.within(settings.shutdownDrain(),
                () -> attempts.flush() & hints.flush() & breakerStates.flush() & budgetSlices.flush(true));
        LOG.info(() -> all ? "Stopping: queued attempts, hints, breaker states and budget usage written"
                : "Stopping: the database did not take every queued attempt within the drain bound");
    }
}
