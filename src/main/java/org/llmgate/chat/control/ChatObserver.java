package org.llmgate.chat.control;

/**
 * Sees every chat's events on their way to the client (metrics). An interface here, implemented
 * elsewhere, so the chat package does not depend on who watches it.
 */
public interface ChatObserver {

    /** The sink the chain walk writes to: {@code client}, wrapped. */
    ChatSink observe(ChatPlan plan, ChatSink client);
}
