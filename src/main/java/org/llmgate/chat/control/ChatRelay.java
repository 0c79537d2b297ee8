package org.llmgate.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Relays one chat through its fallback chain (SPEC §3–§6). The hot path, in one reading: the plan
 * comes resolved from the config cache; the open-chat gate and the metrics observer wrap the
 * client; {@link AttemptRunner#run} is called once, and its {@link WalksFallbackChain} interceptor
 * admits each hop in memory ({@link AttemptAdmission}), runs it, and falls back on a failure before
 * the first token; {@link AttemptLedger} books each outcome off the path.
 */
@ApplicationScoped
public class ChatRelay {

    @Inject
    ChatObserver observer;
    @Inject
    OpenChats openChats;
    @Inject
    AttemptRunner attempts;
    @Inject
    AttemptLedger ledger;

    /** Relays {@code plan} into {@code client}, or throws {@link ChatRefused} before anything is sent. */
    public void relay(ChatPlan plan, ChatSink client) {
        ChatSink sink = observer.observe(plan, openChats.admit(plan.organizationId(), client));
        ChatTurn turn = new ChatTurn(plan, sink, ledger::abandoned);
        sink.onClientGone(turn::cancel);
        attempts.run(turn, null);
    }
}
