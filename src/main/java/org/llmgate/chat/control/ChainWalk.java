package org.llmgate.chat.control;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.llmgate.config.control.FallbackChain;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.ErrorClass;

/**
 * One chat's walk along its fallback chain (SPEC §3–§5): each hop is admitted or skipped, an
 * admitted hop is attempted, and a failure before the first token moves on to the next hop, at
 * most {@value FallbackChain#MAX_HOPS} hops past the primary. After the first token a failure ends
 * the stream with an error: never a silent truncation, never a 200 with nothing in it.
 */
final class ChainWalk {

    private final ChatTurn turn;
    private final AttemptAdmission admission;
    private final AttemptLedger ledger;
    private final Function<Hop, CompletionStage<AttemptResult>> attempt;

    /** What made the last hop fail or be skipped; students see only its class's generic text (SPEC §10). */
    private record Problem(long configId, ErrorClass errorClass) {
    }

    private Problem lastProblem;
    /** After context_length_exceeded only a config with a larger window may take the prompt. */
    private Integer exceededWindow;
    /** The student-readable text of the last budget that refused a hop (SPEC §11). */
    private String budgetMessage;

    ChainWalk(ChatTurn turn, AttemptAdmission admission, AttemptLedger ledger,
              Function<Hop, CompletionStage<AttemptResult>> attempt) {
        this.turn = turn;
        this.admission = admission;
        this.ledger = ledger;
        this.attempt = attempt;
    }

    CompletionStage<AttemptResult> start() {
        return guarded(() -> from(0));
    }

    private CompletionStage<AttemptResult> from(int position) {
        List<LlmConfigView> chain = turn.plan().chain();
        int end = Math.min(chain.size(), FallbackChain.MAX_HOPS + 1);
        for (int index = position; index < end; index++) {
            if (turn.cancelled()) {
                return done(AttemptResult.CANCELLED);
            }
            LlmConfigView config = chain.get(index);
            Admission admitted = admission.admit(turn, index, config, exceededWindow,
                    lastProblem == null ? null : lastProblem.errorClass());
            if (admitted instanceof Admission.Skipped skipped) {
                skip(index, config, skipped);
                continue;
            }
            Hop hop = ((Admission.Admitted) admitted).hop();
            if (lastProblem != null) {
                // students read this toast: the class's generic text, never the upstream's
                turn.sink().fallback(lastProblem.configId(), config.id(), lastProblem.errorClass(),
                        lastProblem.errorClass().studentText());
            }
            return attempt.apply(hop).thenCompose(result -> guarded(() -> after(hop, result)));
        }
        return failChat();
    }

    private void skip(int index, LlmConfigView config, Admission.Skipped skipped) {
        ledger.skipped(turn, index, config, skipped);
        if (skipped.studentMessage() != null) {
            budgetMessage = skipped.studentMessage();
        }
        if (lastProblem == null || index == 0) {
            // scope ids, base URLs and breaker details stay in attempts and health
            lastProblem = new Problem(config.id(), skipped.errorClass());
        }
    }

    private CompletionStage<AttemptResult> after(Hop hop, AttemptResult result) {
        if (!(result instanceof AttemptResult.Failed failed)) {
            return done(result);
        }
        lastProblem = new Problem(hop.config().id(), failed.errorClass());
        if (turn.cancelled()) {
            return done(AttemptResult.CANCELLED);
        }
        if (!failed.fallsBack()) {
            return failChat();
        }
        if (failed.errorClass() == ErrorClass.CONTEXT_LENGTH_EXCEEDED) {
            Integer window = hop.config().contextWindow();
            exceededWindow = window == null ? (int) Math.min(Integer.MAX_VALUE, turn.promptTokens()) : window;
        }
        return from(hop.index() + 1);
    }

    /** Ends the chat with the error event: nothing answered, or the answer broke after its first token. */
    private CompletionStage<AttemptResult> failChat() {
        List<AttemptSummary> attempts = turn.attempts();
        AttemptSummary last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        ErrorClass errorClass = last == null ? ErrorClass.BAD_REQUEST : ErrorClass.fromWireName(last.errorClass());
        if (turn.finish()) {
            String message = errorClass == ErrorClass.BUDGET_EXHAUSTED && budgetMessage != null ? budgetMessage
                    : turn.firstTokenSent()
                    ? "The answer was interrupted: " + (lastProblem == null ? ErrorClass.STREAM_INTERRUPTED : lastProblem.errorClass()).studentText()
                    : "No configured model could answer: " + errorClass.studentText() + " (" + attempts.size() + " hop"
                            + (attempts.size() == 1 ? "" : "s") + " tried; last: " + errorClass.wireName() + ")";
            turn.sink().error(errorClass, message, List.copyOf(attempts));
        }
        return done(new AttemptResult.Failed(errorClass, turn.firstTokenSent()));
    }

    /** A bug in a step ends the chat with an error event instead of a future nobody completes. */
    private CompletionStage<AttemptResult> guarded(java.util.function.Supplier<CompletionStage<AttemptResult>> step) {
        CompletionStage<AttemptResult>[] next = new CompletionStage[1];
        turn.guarded(() -> next[0] = step.get());
        return next[0] != null ? next[0] : done(AttemptResult.CANCELLED);
    }

    private static CompletionStage<AttemptResult> done(AttemptResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
