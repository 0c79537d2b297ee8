package org.llmgate.resilience.boundary;

import java.time.Instant;
import org.llmgate.resilience.BreakerSnapshot;

/** A breaker as SPEC §8 shows it. */
public record BreakerView(String scope, String provider, Long credentialId, String baseUrl, String model, String state,
                          String reason, Instant openUntil) {

    static BreakerView of(BreakerSnapshot s) {
        return new BreakerView(s.scope().scope().wireName(), s.scope().provider(), s.scope().credentialId(),
                s.scope().baseUrl(), s.scope().model(), s.state().name(), s.reason(), s.openUntil());
    }
}
