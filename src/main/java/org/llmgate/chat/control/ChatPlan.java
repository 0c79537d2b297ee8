package org.llmgate.chat.control;

import java.util.List;
import java.util.Map;
import org.llmgate.budget.entity.Payer;
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
                       Payer payer,
                       String level) {

    /** A chat for the organization's shared student, with no course or homework known. */
    public ChatPlan(String requestId, long organizationId, List<LlmConfigView> chain,
                    Map<Long, RuntimeCredential> credentials, List<ChatMessage> messages) {
        this(requestId, organizationId, chain, credentials, messages, new Payer(organizationId, null, null, null), "organization");
    }
}
