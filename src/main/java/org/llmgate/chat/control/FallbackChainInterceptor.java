package org.llmgate.chat.control;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletionStage;

/**
 * Walks a chat's fallback chain around the method that runs one attempt ({@link WalksFallbackChain}):
 * it takes the chain the chat resolved at its own level (homework, course or organization), admits
 * each hop, proceeds with it, and when that attempt fails before the first token, proceeds again
 * with the next. An attempt ends asynchronously, so "again" happens on the upstream client's
 * thread, from inside the previous attempt's last callback.
 */
@WalksFallbackChain
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FallbackChainInterceptor {

    @Inject
    AttemptAdmission admission;
    @Inject
    AttemptLedger ledger;

    @AroundInvoke
    Object walk(InvocationContext call) {
        ChatTurn turn = (ChatTurn) call.getParameters()[0];
        return new ChainWalk(turn, admission, ledger, hop -> attempt(call, turn, hop)).start();
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<AttemptResult> attempt(InvocationContext call, ChatTurn turn, Hop hop) {
        call.setParameters(new Object[] {turn, hop});
        try {
            return (CompletionStage<AttemptResult>) call.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("An attempt failed to start", e);
        }
    }
}
