package org.llmgate.platform;

import java.util.Optional;

/**
 * The JDK's common fork-join pool, which the JDK HTTP client uses to finish every call it starts:
 * with one worker (the default on 2 cores or fewer) {@code CompletableFuture} starts a new thread
 * for each such task, that is a thread started and ended per upstream call (issue 16: 35,000 in
 * one benchmark run, about a third of llmgate's CPU per request). A JVM option sets it; the WAR
 * cannot, so start-up says so.
 */
final class CommonPool {

    static final String OPTION = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

    private CommonPool() {
    }

    /** What to tell the operator when the pool has fewer than two workers; empty when it is fine. */
    static Optional<String> advice(int parallelism) {
        if (parallelism >= 2) {
            return Optional.empty();
        }
        return Optional.of("The JVM's common pool has " + parallelism + " worker: the JDK HTTP client then starts a"
                + " new thread for every upstream call. Start the JVM with " + OPTION + " (payara/run.sh does).");
    }
}
