package org.llmgate.resilience;

import java.util.Optional;
import org.llmgate.providers.ErrorClass;

/** The last column of SPEC §4: which scope a failure retires, and for how long in spirit. */
public final class ScopeRules {

    private ScopeRules() {
    }

    /**
     * The retirement a failure of {@code target} with {@code errorClass} causes, or empty when the
     * failure says nothing about the upstream (the request itself was the problem).
     *
     * <p>Every retirement also retires its scope for the rest of the request. For the permanent
     * classes that is obvious. For the transient ones it is the lesson of the incident: the SDK
     * retried a 429 three times and closed the stream silently. Calling the same model on the same
     * key again a second later is a retry in disguise, it spends the student's wait and the
     * fallbacks' quota, and the chain exists precisely to go somewhere else. An unreachable base
     * URL is not going to answer the next hop either.
     */
    public static Optional<Retirement> retirementFor(ErrorClass errorClass, HopTarget target) {
        return switch (errorClass) {
            case RATE_LIMITED, UPSTREAM_ERROR, OVERLOADED, TIMEOUT, EMPTY_RESPONSE, STREAM_INTERRUPTED ->
                    Optional.of(new Retirement(target.modelScope(), errorClass, false, true));
            case UNREACHABLE -> Optional.of(new Retirement(target.endpointScope(), errorClass, false, true));
            case AUTH_ERROR -> Optional.of(new Retirement(target.credentialScope(), errorClass, true, true));
            case CREDIT_EXHAUSTED -> Optional.of(creditRetirement(target));
            case MODEL_NOT_FOUND -> Optional.of(new Retirement(target.modelScope(), errorClass, true, true));
            case ENDPOINT_UNSUPPORTED, CONTEXT_LENGTH_EXCEEDED, CONTENT_FILTERED, BAD_REQUEST, BUDGET_EXHAUSTED -> Optional.empty();
        };
    }

    /** True for the classes whose breaker trip is permanent (SPEC §5: auth, credit, model_not_found). */
    public static boolean isPermanent(ErrorClass errorClass) {
        return errorClass == ErrorClass.AUTH_ERROR
                || errorClass == ErrorClass.CREDIT_EXHAUSTED
                || errorClass == ErrorClass.MODEL_NOT_FOUND;
    }

    private static Retirement creditRetirement(HopTarget target) {
        // SPEC §5: an out-of-credit key loses its paid models, never its free ones. A 402 from a
        // free model itself (OpenRouter does this once a balance goes negative) retires that model
        // only, so it is not called again on every request while its free siblings still get a try.
        ScopeKey scope = target.free() ? target.modelScope() : target.creditScope();
        return new Retirement(scope, ErrorClass.CREDIT_EXHAUSTED, true, true);
    }
}
