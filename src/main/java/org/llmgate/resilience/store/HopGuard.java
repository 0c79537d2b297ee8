package org.llmgate.resilience.store;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.platform.SchemaReady;
import org.llmgate.platform.Settings;
import org.llmgate.providers.ErrorClass;
import org.llmgate.resilience.BreakerConfig;
import org.llmgate.resilience.BreakerRegistry;
import org.llmgate.resilience.BreakerSnapshot;
import org.llmgate.resilience.BreakerState;
import org.llmgate.resilience.FailedCall;
import org.llmgate.resilience.ScopeKey;
import org.llmgate.resilience.HopAdmission;
import org.llmgate.resilience.HopDecision;
import org.llmgate.resilience.HopDemand;
import org.llmgate.resilience.HopTarget;
import org.llmgate.resilience.RequestRetirements;
import org.llmgate.resilience.Retirement;
import org.llmgate.resilience.TokenBudget;
import org.llmgate.resilience.TokenBudgets;

/**
 * What the chat asks before and after each hop: may it call ({@link #decide}), and what came of
 * the call (the breakers and the credential's token budget learn from it). Everything is read in
 * memory on the hot path; the admin's reset and the health page use it too. It owns this
 * instance's {@link BreakerRegistry}; transitions are handed to {@link CircuitStatesTable}, which
 * persists them for restarts and the rest of the cluster.
 */
@ApplicationScoped
public class HopGuard {

    @Inject
    Settings settings;
    @Inject
    CircuitStatesTable store;

    private BreakerRegistry registry;
    private HopAdmission admission;
    private final TokenBudgets budgets = new TokenBudgets();

    /** Restores the breakers and starts their writer (in {@code @PostConstruct}) before the first chat. */
    void start(@Observes SchemaReady ready) {
        // instantiation is the point
    }

    @PostConstruct
    void init() {
        BreakerConfig defaults = BreakerConfig.defaults();
        BreakerConfig config = new BreakerConfig(
                settings.seconds("llmgate.breaker.permanent-cooldown-seconds", defaults.permanentCooldown()),
                settings.seconds("llmgate.breaker.model-not-found-cooldown-seconds", defaults.modelNotFoundCooldown()),
                settings.integer("llmgate.breaker.failure-threshold", defaults.failureThreshold()),
                settings.seconds("llmgate.breaker.failure-window-seconds", defaults.failureWindow()),
                settings.seconds("llmgate.breaker.transient-cooldown-seconds", defaults.transientCooldown()),
                settings.seconds("llmgate.breaker.max-transient-cooldown-seconds", defaults.maxTransientCooldown()),
                settings.seconds("llmgate.breaker.half-open-probe-timeout-seconds", defaults.halfOpenProbeTimeout()),
                settings.seconds("llmgate.breaker.max-retry-after-seconds", defaults.maxRetryAfter()));
        registry = new BreakerRegistry(config, store::onTransition);
        admission = new HopAdmission(registry);
        store.attach(registry);
    }

    public HopDecision decide(HopTarget target, HopDemand demand, RequestRetirements retired, boolean blacklisted,
                              RuntimeCredential credential, Instant now) {
        return admission.decide(target, demand, retired, blacklisted, budgetOf(credential, now), now);
    }

    /** Records a failed call; a trip it causes carries the call, so its notification names the model and the upstream's answer. */
    public Optional<Retirement> recordFailure(HopTarget target, ErrorClass errorClass, Duration retryAfter, Instant now,
                                              Integer status, String redactedMessage) {
        return registry.recordFailure(target, errorClass, retryAfter,
                new FailedCall(target.model(), status, redactedMessage), now);
    }

    public void recordSuccess(HopTarget target, Instant now) {
        registry.recordSuccess(target, now);
    }

    /** Output tokens are only known at the end: they still count against the tokens-per-minute budget. */
    public void chargeOutput(RuntimeCredential credential, long outputTokens, Instant now) {
        TokenBudget budget = budgetOf(credential, now);
        if (budget != null && outputTokens > 0) {
            budget.charge(outputTokens, now);
        }
    }

    /**
     * An admin's reset (SPEC §8): written to the database before it is answered, so that it survives
     * a restart and every instance adopts it on its next refresh (the newest state wins).
     *
     * @return the closed breaker; empty for an unknown key
     */
    public Optional<BreakerSnapshot> reset(ScopeKey scope) {
        Optional<BreakerSnapshot> known = registry.snapshot(scope);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        BreakerSnapshot closed = new BreakerSnapshot(scope, BreakerState.CLOSED, null, null, null, false, 0,
                known.get().version() + 1, later(Instant.now(), known.get().updatedAt()));
        store.write(closed);
        registry.apply(closed);
        return Optional.of(closed);
    }

    /** Forgets breakers whose credential or model is no longer configured (see {@link BreakerCleanup}). */
    List<ScopeKey> forget(java.util.function.Predicate<ScopeKey> gone) {
        return registry.forget(gone);
    }

    private static Instant later(Instant now, Instant previous) {
        return now.isAfter(previous) ? now : previous.plusNanos(1000);
    }

    public List<BreakerSnapshot> snapshots() {
        return registry.snapshots();
    }

    private TokenBudget budgetOf(RuntimeCredential credential, Instant now) {
        if (credential.requestsPerMinute() == null && credential.tokensPerMinute() == null) {
            return null;
        }
        Long tpm = credential.tokensPerMinute() == null ? null : credential.tokensPerMinute().longValue();
        return budgets.forCredential(credential.id(), credential.requestsPerMinute(), tpm, now);
    }
}
