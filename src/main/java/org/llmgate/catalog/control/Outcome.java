package org.llmgate.catalog.control;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for an admin-side upstream answer on a fault-tolerance worker, whose @Timeout interrupts the wait. */
final class Outcome {

    private Outcome() {
    }

    /** The value, or what it failed with, unwrapped (an UpstreamFailure stays one). */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            // the @Timeout interrupted the wait: fault tolerance answers with the fallback. The future is
            // left alone: a catalog fetch is shared with other waiters and goes on to fill the cache
            throw new CompletionException("interrupted by the fault-tolerance timeout", e);
        }
    }
}
