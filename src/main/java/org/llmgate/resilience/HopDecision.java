package org.llmgate.resilience;

import java.util.Objects;
import org.llmgate.providers.ErrorClass;

/**
 * Whether a hop may call: admitted with the breaker permit (PROBE means "report the outcome, you
 * are the one probe"), or skipped with a reason, the error class the skip stands for in the
 * attempts log and the chat's events (SPEC §4), and a human text for the attempts log and the
 * health page.
 */
public record HopDecision(Permit permit, SkipReason skipReason, ErrorClass errorClass, String message) {

    public static HopDecision admit(Permit permit) {
        if (!Objects.requireNonNull(permit, "permit").mayCall()) {
            throw new IllegalArgumentException("a denied permit is a skip");
        }
        return new HopDecision(permit, null, null, null);
    }

    public static HopDecision skip(SkipReason reason, ErrorClass errorClass, String message) {
        return new HopDecision(Permit.DENIED, Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(errorClass, "errorClass"), message);
    }

    public boolean admitted() {
        return skipReason == null;
    }
}
