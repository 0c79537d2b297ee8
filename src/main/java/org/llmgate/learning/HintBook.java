package org.llmgate.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;

/**
 * Every model hint of this instance, read on the hot path without the database (SPEC §10).
 * Outcomes are recorded here; a batch writer persists {@link #drainDirty()} off the request path.
 * A model never seen has no hint: it is allowed and called on the provider's default endpoint.
 */
public final class HintBook {

    private final ConcurrentMap<HintKey, ModelHintState> hints = new ConcurrentHashMap<>();
    private final HintConfig config;

    public HintBook(HintConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public void recordSuccess(HintKey key, Endpoint endpoint, Instant now) {
        state(key).recordSuccess(endpoint, now);
    }

    /** @param redactedMessage the upstream's message with keys and tokens already removed */
    public void recordError(HintKey key, Endpoint endpoint, ErrorClass errorClass, String redactedMessage, Instant now) {
        state(key).recordError(endpoint, errorClass, redactedMessage, now);
    }

    /** ALLOWED, PROBE (this caller is the one recovery probe; report the outcome) or BLACKLISTED. */
    public HintAdmission admit(HintKey key, Instant now) {
        ModelHintState state = hints.get(key);
        return state == null ? HintAdmission.ALLOWED : state.admit(now);
    }

    /** What {@link #admit} would answer, without taking the probe. */
    public HintAdmission peek(HintKey key, Instant now) {
        ModelHintState state = hints.get(key);
        return state == null ? HintAdmission.ALLOWED : state.peek(now);
    }

    /** Gives back a probe taken by {@link #admit} for a hop that was then skipped for another reason. */
    public void releaseProbe(HintKey key) {
        ModelHintState state = hints.get(key);
        if (state != null) {
            state.releaseProbe();
        }
    }

    public Endpoint endpointFor(HintKey key, Endpoint providerDefault) {
        ModelHintState state = hints.get(key);
        return state == null ? providerDefault : state.endpointFor(providerDefault);
    }

    public void blacklist(HintKey key, String reason, Instant now) {
        state(key).blacklist(reason, now);
    }

    public void clear(HintKey key, Instant now) {
        state(key).clear(now);
    }

    /** The changed hints since the last drain, each marked written. */
    public List<HintSnapshot> drainDirty() {
        List<HintSnapshot> changed = new ArrayList<>();
        for (ModelHintState state : hints.values()) {
            HintSnapshot snapshot = state.drainIfDirty();
            if (snapshot != null) {
                changed.add(snapshot);
            }
        }
        return changed;
    }

    /**
     * Restores a persisted hint (at start-up, or a change made through another instance, such as
     * an admin's clear). The later change wins; returns whether this instance's view changed.
     */
    public boolean load(HintSnapshot snapshot) {
        ModelHintState existing = hints.get(snapshot.key());
        if (existing == null) {
            existing = hints.putIfAbsent(snapshot.key(), ModelHintState.restore(snapshot, config));
            if (existing == null) {
                return true;
            }
        }
        return existing.merge(snapshot);
    }

    public Optional<HintSnapshot> snapshot(HintKey key) {
        return Optional.ofNullable(hints.get(key)).map(ModelHintState::snapshot);
    }

    /** Every hint, by provider and model (for the health page). */
    public List<HintSnapshot> snapshots() {
        return hints.values().stream()
                .map(ModelHintState::snapshot)
                .sorted(Comparator.comparing((HintSnapshot s) -> s.key().provider()).thenComparing(s -> s.key().modelId()))
                .toList();
    }

    private ModelHintState state(HintKey key) {
        return hints.computeIfAbsent(key, k -> new ModelHintState(k, config));
    }
}
