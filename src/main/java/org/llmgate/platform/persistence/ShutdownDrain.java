package org.llmgate.platform.persistence;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The last writes at shutdown, bounded: waiting rows are written while the database answers, but a
 * stop never hangs on a database that is gone (SPEC §10 "Faults"). The writers stopping one after
 * the other share one deadline, set by the first: the bound holds for the whole stop.
 */
public final class ShutdownDrain {

    /** System.nanoTime() of the deadline; 0 until the first writer stops (one per deployment's class loader). */
    private static final AtomicLong DEADLINE = new AtomicLong();

    private ShutdownDrain() {
    }

    /** Calls {@code writeOnce} (true: nothing left) until it reports done or the stop's bound has passed. */
    public static boolean within(Duration bound, BooleanSupplier writeOnce) {
        DEADLINE.compareAndSet(0, System.nanoTime() + bound.toNanos());
        long deadline = DEADLINE.get();
        while (true) {
            if (writeOnce.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
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
