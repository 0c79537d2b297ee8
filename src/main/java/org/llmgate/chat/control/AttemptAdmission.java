package org.llmgate.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import org.llmgate.budget.control.BudgetAdmission;
import org.llmgate.budget.control.BudgetDecision;
import org.llmgate.budget.control.Reservation;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.learning.HintAdmission;
import org.llmgate.learning.HintKey;
import org.llmgate.learning.store.ModelLearning;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;
import org.llmgate.resilience.FreeModels;
import org.llmgate.resilience.HopDecision;
import org.llmgate.resilience.HopDemand;
import org.llmgate.resilience.HopTarget;
import org.llmgate.resilience.SkipReason;
import org.llmgate.resilience.store.HopGuard;

/**
 * Whether one hop of a chain may call its provider, asked in memory before each hop: the
 * credential and adapter exist, the context window can take a prompt that was too long for an
 * earlier hop, a budget reservation (SPEC §11), what was learned about the model (§6), and the
 * breakers and token budgets (§5). The first refusal skips the hop.
 */
@ApplicationScoped
public class AttemptAdmission {

    @Inject
    ProviderRegistry providers;
    @Inject
    HopGuard breakers;
    @Inject
    ModelLearning hints;
    @Inject
    BudgetAdmission budgets;

    Clock clock = Clock.systemUTC();

    /**
     * @param exceededWindow after context_length_exceeded, the window a config must exceed (null before)
     * @param earlier the class of the last failure in this chat, which a scope it retired is skipped for
     */
    public Admission admit(ChatTurn turn, int index, LlmConfigView config, Integer exceededWindow, ErrorClass earlier) {
        RuntimeCredential credential = turn.plan().credentials().get(config.credentialId());
        ProviderAdapter adapter = providers.find(config.provider()).orElse(null);
        if (credential == null || adapter == null) {
            return new Admission.Skipped(ErrorClass.BAD_REQUEST, "misconfigured", "credential or provider missing", null);
        }
        if (exceededWindow != null && (config.contextWindow() == null || config.contextWindow() <= exceededWindow)) {
            return new Admission.Skipped(ErrorClass.CONTEXT_LENGTH_EXCEEDED, "context_window",
                    "needs a context window larger than " + exceededWindow, null);
        }
        BudgetDecision budget = budgets.admit(turn.plan().payer(), config, turn.promptTokens());
        if (budget instanceof BudgetDecision.Refused refused) {
            // like a retired credit scope: a free model later in the chain still answers
            return new Admission.Skipped(ErrorClass.BUDGET_EXHAUSTED, "budget",
                    "budget " + refused.budgetId() + ": " + refused.message(), refused.message());
        }
        Reservation reservation = ((BudgetDecision.Granted) budget).reservation();
        Instant now = clock.instant();
        String baseUrl = credential.baseUrl() != null ? credential.baseUrl() : adapter.defaultBaseUrl();
        boolean free = FreeModels.isFree(config.model(), config.inputCentsPerMillion(), config.outputCentsPerMillion());
        HopTarget target = new HopTarget(config.provider(), credential.id(), baseUrl, config.model(), free);
        HintKey hint = new HintKey(config.provider(), config.model());
        HintAdmission learned = hints.book().admit(hint, now);
        HopDecision decision = breakers.decide(target,
                new HopDemand(turn.promptTokens(), config.maxOutputTokens(), config.contextWindow()),
                turn.retirements(), learned == HintAdmission.BLACKLISTED, credential, now);
        if (!decision.admitted()) {
            if (learned == HintAdmission.PROBE) {
                hints.book().releaseProbe(hint);
            }
            budgets.settle(reservation, BigDecimal.ZERO, 0);
            return new Admission.Skipped(classOfSkip(decision, earlier),
                    decision.skipReason().name().toLowerCase(Locale.ROOT), decision.message(), null);
        }
        Endpoint endpoint = hints.book().endpointFor(hint, adapter.defaultEndpoint());
        return new Admission.Admitted(new Hop(index, config, credential, adapter, target, hint, endpoint,
                EnumSet.of(endpoint), System.nanoTime(), reservation));
    }

    /**
     * A skipped hop names the class that opened its breaker, so the error event still speaks §4; a
     * scope retired by a failure earlier in this very request names that failure's class.
     */
    private static ErrorClass classOfSkip(HopDecision decision, ErrorClass earlier) {
        return decision.skipReason() == SkipReason.SCOPE_RETIRED && earlier != null ? earlier : decision.errorClass();
    }
}
