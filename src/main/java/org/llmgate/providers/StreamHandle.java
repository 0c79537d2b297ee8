package org.llmgate.providers;

/** A running upstream stream; cancelling it releases the connection (the client went away). */
@FunctionalInterface
public interface StreamHandle {

    void cancel();
}
