package org.llmgate.providers;

/** One turn of a conversation, provider-neutral: role is system, user or assistant. */
public record ChatMessage(String role, String content) {
}
