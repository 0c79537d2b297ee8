package org.llmgate.chat.control;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.llmgate.platform.Lifecycle;
import org.llmgate.platform.Settings;

/**
 * The graceful stop (issue 15). On SIGTERM Payara Micro undeploys the WAR before it closes its
 * HTTP listener; singletons are destroyed in reverse {@link DependsOn} order, so this runs before
 * {@code Housekeeping} and the writers it started are torn down. It turns readiness DOWN, refuses
 * new chats (503 with Retry-After, {@link OpenChats}) and waits, within a bound, for the open
 * streams to send their {@code done} or {@code error} event. The attempt writer then flushes its
 * queue in its own {@code @PreDestroy}.
 */
@Startup
@Singleton
@DependsOn("Housekeeping")
public class ChatDrain {

    private static final Logger LOG = Logger.getLogger(ChatDrain.class.getName());

    @Inject
    OpenChats openChats;
    @Inject
    Lifecycle lifecycle;
    @Inject
    Settings settings;

    @PreDestroy
    void drain() {
        lifecycle.stopping();
        Duration bound = settings.shutdownDrain();
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
    }
}
