package org.llmgate.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.llmgate.providers.ErrorClass;

/**
 * Every breaker of this instance, by scope. Breakers are created on the first failure (or when a
 * persisted state is applied): a scope that never failed costs nothing and is closed.
 *
 * <p>No persistence here: the listener receives every transition, and {@link #apply} merges
 * states read from the database. The hot path only touches this map (SPEC §10).
 */
public final class BreakerRegistry {

    private final ConcurrentMap<ScopeKey, Breaker> breakers = new ConcurrentHashMap<>();
    private final BreakerConfig config;
    private final BreakerListener listener;

    public BreakerRegistry(BreakerConfig config, BreakerListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = listener == null ? BreakerListener.NONE : listener;
    }

    public BreakerConfig config() {
        return config;
    }

    /**
     * Whether a call to the target may go out: DENIED when any of its scopes denies, PROBE when at
     * least one scope hands this caller its probe, else ALLOWED. A probe taken on one scope is
     * given back when a later scope denies, or that scope would stay blocked until the probe
     * timeout although nobody probed it.
     */
    public Permit tryAcquire(HopTarget target, Instant now) {
        List<Breaker> relevant = existing(target);
        // cheap first pass without side effects: most denials end here, before any probe is taken
        for (Breaker breaker : relevant) {
            if (breaker.peek(now) == Permit.DENIED) {
                return Permit.DENIED;
            }
        }
        List<Breaker> probing = new ArrayList<>(1);
        for (Breaker breaker : relevant) {
            Permit permit = breaker.tryAcquire(now);
            if (permit == Permit.DENIED) {
                // another thread took a probe between the two passes
                probing.forEach(Breaker::releaseProbe);
                return Permit.DENIED;
            }
            if (permit == Permit.PROBE) {
                probing.add(breaker);
            }
        }
        return probing.isEmpty() ? Permit.ALLOWED : Permit.PROBE;
    }

    /** What {@link #tryAcquire} would answer, without side effects, and the scope that denies. */
    public Optional<Breaker> denyingBreaker(HopTarget target, Instant now) {
        for (Breaker breaker : existing(target)) {
            if (breaker.peek(now) == Permit.DENIED) {
                return Optional.of(breaker);
            }
        }
        return Optional.empty();
    }

    /**
     * The outcome of a call to the target; {@code errorClass} null means success.
     *
     * <ul>
     *   <li>Success closes every scope of the target: the key, its credit (paid models only, as
     *       free targets have no credit scope), the endpoint and the model all just worked.</li>
     *   <li>A class that retires nothing (bad_request, content_filtered, context_length_exceeded,
     *       endpoint_unsupported) means the upstream answered and refused this request: it counts
     *       as a success for the breakers.</li>
     *   <li>Any other failure is blamed on the one scope {@link ScopeRules} names; the target's
     *       other scopes give back a probe they may have handed out, so they are probed again by
     *       the next request instead of waiting for the probe timeout.</li>
     * </ul>
     *
     * @return the retirement, so the relay can retire the scope within the request too
     */
    public Optional<Retirement> record(HopTarget target, ErrorClass errorClass, Duration retryAfter, FailedCall call,
                                       Instant now) {
        Optional<Retirement> retirement = errorClass == null
                ? Optional.empty() : ScopeRules.retirementFor(errorClass, target);
        if (retirement.isEmpty()) {
            existing(target).forEach(b -> b.onSuccess(now));
            return retirement;
        }
        Retirement r = retirement.get();
        breakers.computeIfAbsent(r.scope(), this::newBreaker)
                .onFailure(r.cause(), retryAfter, r.permanent(), call, now);
        for (Breaker other : existing(target)) {
            if (!other.scope().equals(r.scope())) {
                other.releaseProbe();
            }
        }
        return retirement;
    }

    public Optional<Retirement> recordFailure(HopTarget target, ErrorClass errorClass, Duration retryAfter, Instant now) {
        return recordFailure(target, errorClass, retryAfter, null, now);
    }

    /** @param call the failed call, handed to the listener with the transition it causes; null when unknown */
    public Optional<Retirement> recordFailure(HopTarget target, ErrorClass errorClass, Duration retryAfter, FailedCall call,
                                              Instant now) {
        return record(target, Objects.requireNonNull(errorClass, "errorClass"), retryAfter, call, now);
    }

    public void recordSuccess(HopTarget target, Instant now) {
        record(target, null, null, null, now);
    }

    /**
     * Merges a state read from the database, typically written by another instance. The later
     * state wins ({@link BreakerSnapshot#isNewerThan}); returns whether this instance's state changed.
     * Build it with {@link BreakerSnapshot#fromRow} when the row keeps no version.
     */
    public boolean apply(BreakerSnapshot snapshot) {
        Breaker existing = breakers.get(snapshot.scope());
        if (existing == null) {
            Breaker restored = Breaker.restore(snapshot, config, listener);
            existing = breakers.putIfAbsent(snapshot.scope(), restored);
            if (existing == null) {
                return true;
            }
        }
        return existing.merge(snapshot);
    }

    /** Forgets breakers whose scope no longer exists (a deleted credential or config); returns them. */
    public List<ScopeKey> forget(java.util.function.Predicate<ScopeKey> gone) {
        List<ScopeKey> removed = new ArrayList<>();
        for (ScopeKey scope : breakers.keySet()) {
            if (gone.test(scope) && breakers.remove(scope) != null) {
                removed.add(scope);
            }
        }
        return removed;
    }

    public Optional<BreakerSnapshot> snapshot(ScopeKey scope) {
        return Optional.ofNullable(breakers.get(scope)).map(Breaker::snapshot);
    }

    /** Every known breaker's state, sorted by scope id (for the health page and tests). */
    public List<BreakerSnapshot> snapshots() {
        return breakers.values().stream()
                .map(Breaker::snapshot)
                .sorted(Comparator.comparing(s -> s.scope().id()))
                .toList();
    }

    private List<Breaker> existing(HopTarget target) {
        if (breakers.isEmpty()) {
            // nothing ever failed: no scope keys to build, three times per chat (issue 16)
            return List.of();
        }
        List<Breaker> found = new ArrayList<>(4);
        for (ScopeKey scope : target.scopes()) {
            Breaker breaker = breakers.get(scope);
            if (breaker != null) {
                found.add(breaker);
            }
        }
        return found;
    }

    private Breaker newBreaker(ScopeKey scope) {
        return new Breaker(scope, config, listener);
    }
}
