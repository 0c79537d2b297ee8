package org.llmgate.platform.persistence;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The last writes at shutdown, bounded: waiting rows are written while the database answers, but a
 * stop never hangs on a database that is gone (SPEC §10 "Faults").
 */
public final class ShutdownDrain {

    private ShutdownDrain() {
    }

    /** Calls {@code writeOnce} (true: nothing left) until it reports done or {@code bound} has passed. */
    public static boolean within(Duration bound, BooleanSupplier writeOnce) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (writeOnce.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
