package org.llmgate.resilience;

import java.util.Objects;

/**
 * Whether a hop may call: admitted with the breaker permit (PROBE means "report the outcome, you
 * are the one probe"), or skipped with a reason and a human text for the attempts log and the
 * health page.
 */
public record HopDecision(Permit permit, SkipReason skipReason, String message) {

    public static HopDecision admit(Permit permit) {
        if (!Objects.requireNonNull(permit, "permit").mayCall()) {
            throw new IllegalArgumentException("a denied permit is a skip");
        }
        return new HopDecision(permit, null, null);
    }

    public static HopDecision skip(SkipReason reason, String message) {
        return new HopDecision(Permit.DENIED, Objects.requireNonNull(reason, "reason"), message);
    }

    public boolean admitted() {
        return skipReason == null;
    }
}
