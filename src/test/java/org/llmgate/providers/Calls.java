package org.llmgate.providers;

import java.time.Duration;
import java.util.List;

/** Builds the calls the adapter tests make. */
public final class Calls {

    public static final Duration FIRST_BYTE = Duration.ofSeconds(3);
    public static final Duration IDLE = Duration.ofSeconds(3);

    private Calls() {
    }

    public static UpstreamCall call(String baseUrl, String key, String model, Endpoint endpoint) {
        return new UpstreamCall(new ProviderAccess(baseUrl, key), model, endpoint,
                List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Say hello")),
                0.2, 64, FIRST_BYTE, IDLE);
    }

    public static UpstreamCall withTimeouts(UpstreamCall call, Duration firstByte, Duration idle) {
        return new UpstreamCall(call.access(), call.model(), call.endpoint(), call.messages(), call.temperature(),
                call.maxOutputTokens(), firstByte, idle);
    }
}
