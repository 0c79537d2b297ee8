package org.llmgate.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The results of a pure function over few distinct inputs (base URLs: one per credential), kept
 * after they are first computed. The hot path asks for them on every chat, and parsing a URL was a
 * measurable part of it (issue 16). Once about {@code max} are kept (concurrent first calls may add
 * a few more), the rest are computed each time, so a flood of distinct inputs costs no memory. A
 * computation that throws keeps nothing: the same input throws again next time.
 */
public final class BoundedMemo<K, V> {

    private final int max;
    private final Function<K, V> compute;
    private final Map<K, V> kept = new ConcurrentHashMap<>();

    public BoundedMemo(int max, Function<K, V> compute) {
        this.max = max;
        this.compute = compute;
    }

    public V get(K key) {
        V known = kept.get(key);
        if (known != null) {
            return known;
        }
        V value = compute.apply(key);
        if (kept.size() < max) {
            kept.put(key, value);
        }
        return value;
    }

    /** How many results are kept. */
    public int size() {
        return kept.size();
    }
}
