package org.llmgate.platform.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows produced on the hot path and waiting for the database: a database outage must not lose them
 * (SPEC §10 "Faults"), and must not exhaust the heap either. Past {@code capacity} the newest rows are
 * dropped and counted; rows that could not be written go back to the front, so order is kept.
 */
public final class PendingRows<T> {

    private final ConcurrentLinkedDeque<T> rows = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;

    public PendingRows(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** @return false when the queue was full and the row was dropped */
    public boolean add(T row) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        rows.addLast(row);
        return true;
    }

    /** Up to {@code max} rows, oldest first, taken out of the queue. */
    public List<T> take(int max) {
        List<T> batch = new ArrayList<>(Math.min(max, Math.max(1, size.get())));
        for (T row; batch.size() < max && (row = rows.pollFirst()) != null; ) {
            size.decrementAndGet();
            batch.add(row);
        }
        return batch;
    }

    /**
     * Puts rows that could not be written back in front, oldest first. They were counted once
     * already, so the capacity may be overshot by one batch rather than lose them.
     */
    public void putBack(List<T> unwritten) {
        for (int i = unwritten.size() - 1; i >= 0; i--) {
            rows.addFirst(unwritten.get(i));
            size.incrementAndGet();
        }
    }

    public int size() {
        return size.get();
    }

    public boolean isEmpty() {
        return size.get() == 0;
    }

    /** Rows dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }
}
