package org.llmgate.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.llmgate.providers.ErrorClass;

/**
 * The circuit breaker of one failure scope: CLOSED → OPEN (cooldown) → HALF_OPEN (one probe) →
 * CLOSED (SPEC §5). Thread-safe; every method takes the time, so tests drive it without sleeping.
 *
 * <ul>
 *   <li>A permanent failure (auth, credit, model_not_found) opens at once for the long cooldown:
 *       the incident was a dead key retried on every request with a huge prompt.</li>
 *   <li>A Retry-After opens at once for exactly that long: the provider said when to come back.</li>
 *   <li>A 429 without Retry-After also opens at once, on the backoff: a rate limit is a clear
 *       "stop", and the 429 storm is what started this project.</li>
 *   <li>Other transient failures open after {@code failureThreshold} of them within
 *       {@code failureWindow}; a success in between resets the count, so a model that mostly
 *       works is never cut off by scattered errors.</li>
 *   <li>Once the cooldown has passed exactly one caller gets the probe; its success closes, its
 *       failure re-opens with a doubled cooldown. A probe that never reports back frees the slot
 *       after {@code halfOpenProbeTimeout}.</li>
 * </ul>
 *
 * Transitions are published to the listener after the lock is released, each with a snapshot
 * whose time (and version) never goes back, so the persisted row can be written as-is and a
 * late write of an older state loses to the newer one.
 */
public final class Breaker {

    private final ScopeKey scope;
    private final BreakerConfig config;
    private final BreakerListener listener;

    // all guarded by this
    private BreakerState state = BreakerState.CLOSED;
    /** The class that opened the breaker; null when closed. */
    private ErrorClass cause;
    private String reason;
    private Instant openUntil;
    /** Open (or probing) for a permanent cause. */
    private boolean permanentOpen;
    /** Backoff-based trips in a row; survives a close for {@code maxTransientCooldown}, see {@link #tripsBeforeNewTrip}. */
    private int trips;
    private long version;
    private Instant updatedAt = Instant.EPOCH;
    /** In HALF_OPEN: when the probe was handed out; null while the slot is free. */
    private Instant probeStartedAt;
    /** In CLOSED: recent transient failures, oldest first. */
    private final Deque<Instant> recentFailures = new ArrayDeque<>();

    public Breaker(ScopeKey scope, BreakerConfig config, BreakerListener listener) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = listener == null ? BreakerListener.NONE : listener;
    }

    /** A breaker in the persisted state; a half-open one counts its probe as started at {@code updatedAt}. */
    public static Breaker restore(BreakerSnapshot snapshot, BreakerConfig config, BreakerListener listener) {
        Breaker breaker = new Breaker(snapshot.scope(), config, listener);
        synchronized (breaker) {
            breaker.adopt(snapshot);
        }
        return breaker;
    }

    public ScopeKey scope() {
        return scope;
    }

    public synchronized BreakerState state() {
        return state;
    }

    /** The error class that opened the breaker (kept while it probes); null when closed. */
    public synchronized ErrorClass cause() {
        return cause;
    }

    /** For people: the class's wire name and short text, e.g. {@code rate_limited: Retry-After 20s}; null when closed. */
    public synchronized String reason() {
        return reason;
    }

    public synchronized Instant openUntil() {
        return openUntil;
    }

    public synchronized BreakerSnapshot snapshot() {
        return new BreakerSnapshot(scope, state, cause, reason, openUntil, permanentOpen, trips, version, updatedAt);
    }

    /** What {@link #tryAcquire} would answer, without taking a probe or changing state. */
    public synchronized Permit peek(Instant now) {
        return switch (state) {
            case CLOSED -> Permit.ALLOWED;
            case OPEN -> now.isBefore(openUntil) ? Permit.DENIED : Permit.PROBE;
            case HALF_OPEN -> probeSlotFree(now) ? Permit.PROBE : Permit.DENIED;
        };
    }

    /** May a call go to this scope now? {@link Permit#PROBE} is given to one caller at a time. */
    public Permit tryAcquire(Instant now) {
        BreakerTransition transition = null;
        Permit permit;
        synchronized (this) {
            switch (state) {
                case CLOSED -> permit = Permit.ALLOWED;
                case OPEN -> {
                    if (now.isBefore(openUntil)) {
                        permit = Permit.DENIED;
                    } else {
                        // persisted too: other instances then see the probe in flight and hold back
                        transition = move(BreakerState.HALF_OPEN, cause, reason, openUntil, permanentOpen, null, now);
                        probeStartedAt = now;
                        permit = Permit.PROBE;
                    }
                }
                case HALF_OPEN -> {
                    if (probeSlotFree(now)) {
                        probeStartedAt = now;
                        permit = Permit.PROBE;
                    } else {
                        permit = Permit.DENIED;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        publish(transition);
        return permit;
    }

    /**
     * Gives back a probe that was handed out but will not be used (another scope of the same hop
     * denied it). Without this the scope would stay blocked until the probe timeout.
     */
    public synchronized void releaseProbe() {
        if (state == BreakerState.HALF_OPEN) {
            probeStartedAt = null;
        }
    }

    /**
     * The upstream answered. Closes a half-open breaker and resets the failure count. A success
     * while OPEN comes from a call that started before the trip and proves nothing about now (a
     * rate limit may still hold): it is ignored and the probe decides.
     */
    public void onSuccess(Instant now) {
        BreakerTransition transition = null;
        synchronized (this) {
            switch (state) {
                case CLOSED -> recentFailures.clear();
                case HALF_OPEN -> {
                    recentFailures.clear();
                    transition = move(BreakerState.CLOSED, null, null, null, false, null, now);
                }
                case OPEN -> { }
                default -> throw new IllegalStateException(state.name());
            }
        }
        publish(transition);
    }

    /**
     * A failure this scope is blamed for (see {@link ScopeRules}).
     *
     * @param retryAfter the provider's Retry-After, or null; zero or negative counts as none
     * @param permanent  whether the class is permanent ({@link ScopeRules#isPermanent})
     */
    public void onFailure(ErrorClass cause, Duration retryAfter, boolean permanent, Instant now) {
        onFailure(cause, retryAfter, permanent, null, now);
    }

    /**
     * Like {@link #onFailure(ErrorClass, Duration, boolean, Instant)}, naming the call that failed:
     * a transition it causes carries it, so a trip's notification can say which model answered what.
     *
     * @param call the failed call, or null when unknown
     */
    public void onFailure(ErrorClass cause, Duration retryAfter, boolean permanent, FailedCall call, Instant now) {
        Objects.requireNonNull(cause, "cause");
        Duration wait = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? null
                : config.capRetryAfter(retryAfter);
        BreakerTransition transition;
        synchronized (this) {
            transition = switch (state) {
                case CLOSED -> failWhileClosed(cause, wait, permanent, call, now);
                case HALF_OPEN -> reopen(cause, wait, permanent, "probe failed", call, now);
                case OPEN -> now.isBefore(openUntil)
                        ? extend(cause, wait, permanent, call, now)
                        // cooldown over but nobody probed yet: this failure is as good as a failed probe
                        : reopen(cause, wait, permanent, "failed again", call, now);
            };
        }
        publish(transition);
    }

    /**
     * Adopts a state written by another instance (or re-read from the database) when it is newer
     * than this one. No event: it is already persisted. Returns whether it was adopted.
     */
    public boolean merge(BreakerSnapshot other) {
        if (!scope.equals(other.scope())) {
            throw new IllegalArgumentException("snapshot of " + other.scope() + " merged into " + scope);
        }
        synchronized (this) {
            if (!other.isNewerThan(snapshot())) {
                return false;
            }
            adopt(other);
            return true;
        }
    }

    @Override
    public synchronized String toString() {
        return "Breaker[" + scope + " " + state + (reason == null ? "" : " " + reason)
                + (openUntil == null ? "" : " until " + openUntil) + "]";
    }

    private BreakerTransition failWhileClosed(ErrorClass cause, Duration wait, boolean permanent, FailedCall call,
                                              Instant now) {
        if (permanent) {
            Duration cooldown = config.permanentCooldownFor(cause);
            return open(cause, cooldown, "permanent, cooldown " + Durations.human(cooldown), true, call, now);
        }
        if (wait != null) {
            return open(cause, wait, "Retry-After " + Durations.human(wait), false, call, now);
        }
        if (cause == ErrorClass.RATE_LIMITED) {
            trips = tripsBeforeNewTrip(now) + 1;
            Duration cooldown = config.transientCooldownFor(trips);
            return open(cause, cooldown, "rate limited, backoff " + Durations.human(cooldown), false, call, now);
        }
        Instant windowStart = now.minus(config.failureWindow());
        while (!recentFailures.isEmpty() && !recentFailures.peekFirst().isAfter(windowStart)) {
            recentFailures.pollFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() < config.failureThreshold()) {
            return null;
        }
        trips = tripsBeforeNewTrip(now) + 1;
        Duration cooldown = config.transientCooldownFor(trips);
        return open(cause, cooldown, recentFailures.size() + " failures within "
                + Durations.human(config.failureWindow()) + ", cooldown " + Durations.human(cooldown), false, call, now);
    }

    private BreakerTransition reopen(ErrorClass cause, Duration wait, boolean permanent, String what, FailedCall call,
                                     Instant now) {
        Duration cooldown;
        String text;
        if (permanent) {
            cooldown = config.permanentCooldownFor(cause);
            text = what + ", permanent, cooldown " + Durations.human(cooldown);
        } else if (wait != null) {
            cooldown = wait;
            text = what + ", Retry-After " + Durations.human(wait);
        } else {
            trips++;
            cooldown = config.transientCooldownFor(trips);
            text = what + ", backoff " + Durations.human(cooldown);
        }
        return open(cause, cooldown, text, permanent, call, now);
    }

    /** A call that started before the trip failed late: it may lengthen the cooldown, never shorten it. */
    private BreakerTransition extend(ErrorClass cause, Duration wait, boolean permanent, FailedCall call, Instant now) {
        Duration cooldown = permanent ? config.permanentCooldownFor(cause)
                : wait != null ? wait
                : null;
        if (cooldown == null || !now.plus(cooldown).isAfter(openUntil)) {
            return null;
        }
        String text = permanent ? "permanent, cooldown " + Durations.human(cooldown)
                : "Retry-After " + Durations.human(cooldown);
        // a long Retry-After on a key that is already known dead must not make it look transient
        return open(cause, cooldown, text, permanent || permanentOpen, call, now);
    }

    private BreakerTransition open(ErrorClass cause, Duration cooldown, String text, boolean permanentCause, FailedCall call,
                                   Instant now) {
        recentFailures.clear();
        probeStartedAt = null;
        return move(BreakerState.OPEN, cause, cause.wireName() + ": " + text, now.plus(cooldown), permanentCause, call, now);
    }

    private BreakerTransition move(BreakerState to, ErrorClass newCause, String newReason, Instant newOpenUntil,
                                   boolean nowPermanent, FailedCall call, Instant now) {
        BreakerState from = state;
        boolean newPermanentTrip = nowPermanent && !permanentOpen && to == BreakerState.OPEN;
        state = to;
        cause = newCause;
        reason = newReason;
        openUntil = newOpenUntil;
        permanentOpen = nowPermanent;
        version++;
        // callers pass their own "now"; a thread that read the clock earlier must not date the state back
        updatedAt = now.isAfter(updatedAt) ? now : updatedAt;
        return new BreakerTransition(from, to, newPermanentTrip, snapshot(), call);
    }

    /**
     * Trips count as "repeated" while the breaker closed less than {@code maxTransientCooldown}
     * ago: a flapping upstream that closes and trips again keeps its backoff instead of being
     * hammered every 30 s; one that stayed healthy for a while starts over.
     */
    private int tripsBeforeNewTrip(Instant now) {
        if (trips > 0 && updatedAt.plus(config.maxTransientCooldown()).isBefore(now)) {
            trips = 0;
        }
        return trips;
    }

    private boolean probeSlotFree(Instant now) {
        return probeStartedAt == null || !now.isBefore(probeStartedAt.plus(config.halfOpenProbeTimeout()));
    }

    private void adopt(BreakerSnapshot s) {
        state = s.state();
        cause = s.state() == BreakerState.CLOSED ? null : s.cause();
        reason = s.reason();
        openUntil = s.state() == BreakerState.CLOSED ? null : s.openUntil();
        permanentOpen = s.state() != BreakerState.CLOSED && s.permanent();
        trips = Math.max(0, s.trips());
        version = s.version();
        updatedAt = s.updatedAt();
        probeStartedAt = s.state() == BreakerState.HALF_OPEN ? s.updatedAt() : null;
        recentFailures.clear();
    }

    private void publish(BreakerTransition transition) {
        if (transition != null) {
            listener.onTransition(transition);
        }
    }
}
