package org.llmgate.resilience.boundary;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.llmgate.resilience.BreakerSnapshot;
import org.llmgate.resilience.BreakerState;

/**
 * A breaker as SPEC §8 shows it. {@code key} names it for {@code POST /api/admin/breakers/reset};
 * {@code endpoint} is the base URL of an endpoint scope ({@code baseUrl} too, as the first version
 * showed it).
 */
public record BreakerView(String key, String scope, String provider, Long credentialId, String model, String endpoint,
                          String baseUrl, String state, String errorClass, String reason, Instant openUntil) {

    /** Open and half-open breakers first, then the closed ones still remembered. */
    public static List<BreakerView> all(List<BreakerSnapshot> snapshots) {
        return snapshots.stream()
                .sorted(Comparator.comparing((BreakerSnapshot s) -> s.state() == BreakerState.CLOSED)
                        .thenComparing(s -> s.scope().id()))
                .map(BreakerView::of).toList();
    }

    public static BreakerView of(BreakerSnapshot s) {
        return new BreakerView(s.scope().id(), s.scope().scope().wireName(), s.scope().provider(), s.scope().credentialId(),
                s.scope().model(), s.scope().baseUrl(), s.scope().baseUrl(), s.state().name(),
                s.cause() == null ? null : s.cause().wireName(), s.reason(), s.openUntil());
    }
}
