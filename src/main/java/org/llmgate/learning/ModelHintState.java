package org.llmgate.learning;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;

/**
 * The in-memory, thread-safe hint of one model (SPEC §6): counts, last error, endpoint knowledge
 * and the blacklist. Every change bumps a version and marks the state dirty for the batch writer.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@code blacklistAfterErrors} (5) of the model's own errors and no success ever: blacklisted
 *       automatically. One success means the model can work; later trouble is the breakers'
 *       business, not a reason to stop trying it.</li>
 *   <li>An automatic blacklist lets one probe through after {@code recoveryPeriod}; its success
 *       clears the blacklist, its failure restarts the period. An admin's blacklist is never
 *       probed: it says "do not use", not "seems broken".</li>
 *   <li>A success on an endpoint marks it supported; endpoint_unsupported marks it unsupported,
 *       and a success on another endpoint after that makes that one preferred, so the next
 *       request goes there directly.</li>
 * </ul>
 */
public final class ModelHintState {

    /** Long upstream error texts are cut: a hint shows what went wrong, the attempts log keeps the rest. */
    static final int MAX_MESSAGE_LENGTH = 500;

    private final HintKey key;
    private final HintConfig config;

    // all guarded by this
    private long successCount;
    private long errorCount;
    private ErrorClass lastErrorClass;
    private String lastErrorMessage;
    private final Set<Endpoint> supported = EnumSet.noneOf(Endpoint.class);
    private final Set<Endpoint> unsupported = EnumSet.noneOf(Endpoint.class);
    private Endpoint preferred;
    private boolean blacklisted;
    private String blacklistReason;
    private Instant blacklistedAt;
    private boolean manual;
    private Instant updatedAt = Instant.EPOCH;
    private long version;
    private boolean dirty;
    /** While blacklisted: when the recovery probe was handed out; null while the slot is free. */
    private Instant probeStartedAt;

    public ModelHintState(HintKey key, HintConfig config) {
        this.key = Objects.requireNonNull(key, "key");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The state of a persisted row; not dirty, since it is what the database holds. */
    public static ModelHintState restore(HintSnapshot snapshot, HintConfig config) {
        ModelHintState state = new ModelHintState(snapshot.key(), config);
        synchronized (state) {
            state.adopt(snapshot);
        }
        return state;
    }

    /**
     * Whether an error of this class is the model's fault and counts toward the blacklist.
     *
     * <p>Counted: model_not_found (it is gone), bad_request (it refuses the parameters we send it,
     * e.g. a temperature a reasoning model does not take), upstream_error and empty_response (it
     * answers but never usefully). Not counted, because they say nothing about the model and a
     * dead key must not blacklist every model on it: auth_error, credit_exhausted, unreachable,
     * rate_limited, overloaded and timeout (capacity, which comes and goes),
     * context_length_exceeded and content_filtered (the prompt's fault), stream_interrupted (the
     * model did answer). endpoint_unsupported counts only when no other endpoint is left to try,
     * see {@link #recordError}.
     */
    public static boolean isModelFault(ErrorClass errorClass) {
        return switch (errorClass) {
            case MODEL_NOT_FOUND, BAD_REQUEST, UPSTREAM_ERROR, EMPTY_RESPONSE -> true;
            default -> false;
        };
    }

    /**
     * The endpoint a model refused with endpoint_unsupported is retried on (SPEC §6): OpenAI's two
     * APIs stand in for each other; Anthropic's Messages API has no alternative.
     */
    public static Endpoint alternativeTo(Endpoint endpoint) {
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> Endpoint.RESPONSES;
            case RESPONSES -> Endpoint.CHAT_COMPLETIONS;
            case MESSAGES -> null;
        };
    }

    public HintKey key() {
        return key;
    }

    /** The model answered on {@code endpoint} (null when unknown). */
    public synchronized void recordSuccess(Endpoint endpoint, Instant now) {
        successCount++;
        if (endpoint != null) {
            supported.add(endpoint);
            unsupported.remove(endpoint);
            if (!unsupported.isEmpty()) {
                // it works here after refusing elsewhere: go here first next time
                preferred = endpoint;
            }
        }
        if (blacklisted && !manual) {
            unblacklist();
        }
        probeStartedAt = null;
        touch(now);
    }

    /**
     * The model failed on {@code endpoint} (null when unknown) with {@code errorClass}.
     * endpoint_unsupported counts as the model's fault only when the alternative endpoint is
     * known unsupported too (or there is none): until then the relay retries on the alternative,
     * and a model that needs the Responses API is not broken.
     */
    public synchronized void recordError(Endpoint endpoint, ErrorClass errorClass, String redactedMessage, Instant now) {
        Objects.requireNonNull(errorClass, "errorClass");
        lastErrorClass = errorClass;
        lastErrorMessage = cut(redactedMessage);
        boolean fault = isModelFault(errorClass);
        if (errorClass == ErrorClass.ENDPOINT_UNSUPPORTED && endpoint != null) {
            unsupported.add(endpoint);
            supported.remove(endpoint);
            if (preferred == endpoint) {
                preferred = null;
            }
            Endpoint alternative = alternativeTo(endpoint);
            fault = alternative == null || unsupported.contains(alternative);
        }
        if (fault) {
            errorCount++;
        }
        if (blacklisted && probeStartedAt != null) {
            probeStartedAt = null;
            if (fault && !manual) {
                // the probe confirmed it: wait a whole recovery period again
                blacklistedAt = now;
            }
        }
        if (fault && !blacklisted && successCount == 0 && errorCount >= config.blacklistAfterErrors()) {
            blacklisted = true;
            manual = false;
            blacklistedAt = now;
            blacklistReason = cut("automatic: " + errorCount + " errors and no success; last "
                    + errorClass.wireName() + (lastErrorMessage == null ? "" : ": " + lastErrorMessage));
        }
        touch(now);
    }

    /** May the model be called now? Takes the recovery probe when it is due. */
    public synchronized HintAdmission admit(Instant now) {
        HintAdmission verdict = peek(now);
        if (verdict == HintAdmission.PROBE) {
            probeStartedAt = now;
        }
        return verdict;
    }

    /** What {@link #admit} would answer, without taking the probe. */
    public synchronized HintAdmission peek(Instant now) {
        if (!blacklisted) {
            return HintAdmission.ALLOWED;
        }
        if (manual || now.isBefore(blacklistedAt.plus(config.recoveryPeriod()))) {
            return HintAdmission.BLACKLISTED;
        }
        boolean slotFree = probeStartedAt == null || !now.isBefore(probeStartedAt.plus(config.probeTimeout()));
        return slotFree ? HintAdmission.PROBE : HintAdmission.BLACKLISTED;
    }

    /** Gives back a probe taken for a hop that was then skipped for another reason. */
    public synchronized void releaseProbe() {
        probeStartedAt = null;
    }

    /** An admin blacklists the model by hand. */
    public synchronized void blacklist(String reason, Instant now) {
        blacklisted = true;
        manual = true;
        blacklistReason = reason == null || reason.isBlank() ? "blacklisted by an admin" : cut(reason.strip());
        blacklistedAt = now;
        probeStartedAt = null;
        touch(now);
    }

    /**
     * An admin gives the model a fresh start: counts, last error and blacklist are reset. The
     * endpoint knowledge stays: it is a fact about the model's API, and forgetting it would only
     * cost a failed call to learn it again.
     */
    public synchronized void clear(Instant now) {
        successCount = 0;
        errorCount = 0;
        lastErrorClass = null;
        lastErrorMessage = null;
        unblacklist();
        touch(now);
    }

    /**
     * The endpoint to call: the learned preference, else the provider's default unless the model
     * refused it, else the default's alternative unless refused too, else the default (nothing is
     * known to work; let the call fail and be counted).
     */
    public synchronized Endpoint endpointFor(Endpoint providerDefault) {
        if (preferred != null && !unsupported.contains(preferred)) {
            return preferred;
        }
        if (!unsupported.contains(providerDefault)) {
            return providerDefault;
        }
        Endpoint alternative = alternativeTo(providerDefault);
        return alternative != null && !unsupported.contains(alternative) ? alternative : providerDefault;
    }

    public synchronized boolean isBlacklisted() {
        return blacklisted;
    }

    public synchronized boolean isDirty() {
        return dirty;
    }

    public synchronized HintSnapshot snapshot() {
        return new HintSnapshot(key, successCount, errorCount, lastErrorClass, lastErrorMessage,
                supported, unsupported, preferred, blacklisted, blacklistReason, blacklistedAt, manual,
                updatedAt, version);
    }

    /** The snapshot when there are unwritten changes, marking them written; else null. */
    synchronized HintSnapshot drainIfDirty() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        return snapshot();
    }

    /** Adopts a persisted state when it is newer than this one; returns whether it did. */
    synchronized boolean merge(HintSnapshot other) {
        if (!key.equals(other.key())) {
            throw new IllegalArgumentException("hint of " + other.key() + " merged into " + key);
        }
        // the later change wins, the version breaks ties: model_hints keeps no version column
        int byTime = other.updatedAt().compareTo(updatedAt);
        if (byTime < 0 || (byTime == 0 && other.version() <= version)) {
            return false;
        }
        adopt(other);
        return true;
    }

    private void adopt(HintSnapshot s) {
        successCount = s.successCount();
        errorCount = s.errorCount();
        lastErrorClass = s.lastErrorClass();
        lastErrorMessage = s.lastErrorMessage();
        supported.clear();
        supported.addAll(s.supportedEndpoints());
        unsupported.clear();
        unsupported.addAll(s.unsupportedEndpoints());
        preferred = s.preferredEndpoint();
        blacklisted = s.blacklisted();
        blacklistReason = s.blacklistReason();
        // a row blacklisted without a time (set by hand in SQL) is probed after a period from now on
        blacklistedAt = s.blacklisted() && s.blacklistedAt() == null ? s.updatedAt() : s.blacklistedAt();
        manual = s.manual();
        updatedAt = s.updatedAt();
        version = s.version();
        dirty = false;
        probeStartedAt = null;
    }

    private void unblacklist() {
        blacklisted = false;
        manual = false;
        blacklistReason = null;
        blacklistedAt = null;
        probeStartedAt = null;
    }

    private void touch(Instant now) {
        // never dated back by a caller that read the clock earlier: the later change wins a merge
        updatedAt = now.isAfter(updatedAt) ? now : updatedAt;
        version++;
        dirty = true;
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_MESSAGE_LENGTH) {
            return text;
        }
        return text.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
