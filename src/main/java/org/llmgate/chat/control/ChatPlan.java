package org.llmgate.chat.control;

import java.util.List;
import java.util.Map;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.providers.ChatMessage;

/**
 * Everything one chat request needs, resolved from the config cache before the stream opens.
 *
 * @param level the target's level (homework, course, organization), a bounded metrics label
 */
public record ChatPlan(String requestId,
                       long organizationId,
                       List<LlmConfigView> chain,
                       Map<Long, RuntimeCredential> credentials,
                       List<ChatMessage> messages,
                       String level) {
}
