package org.llmgate.providers;

import java.time.Duration;
import java.util.List;

/**
 * One streamed chat call to one model on one endpoint.
 *
 * @param firstByteTimeout how long to wait for the response headers and the first event
 * @param idleTimeout      how long the stream may stay silent (keep-alives count as progress)
 * @param maxOutputTokens  null lets the provider choose (Anthropic requires one: the adapter picks a default)
 */
public record UpstreamCall(ProviderAccess access,
                           String model,
                           Endpoint endpoint,
                           List<ChatMessage> messages,
                           Double temperature,
                           Integer maxOutputTokens,
                           Duration firstByteTimeout,
                           Duration idleTimeout) {

    public UpstreamCall withEndpoint(Endpoint other) {
        return new UpstreamCall(access, model, other, messages, temperature, maxOutputTokens, firstByteTimeout, idleTimeout);
    }
}
