package org.llmgate.resilience;

/**
 * The call whose failure moved a breaker, as the relay saw it. It rides on the
 * {@link BreakerTransition} so that a permanent trip's notification (SPEC §5) can name the model,
 * the HTTP status and what the upstream said, although the breaker itself may guard a whole key.
 *
 * @param model           the model the hop called
 * @param status          the upstream's HTTP status, or null (timeout, connection refused)
 * @param redactedMessage the upstream's message with keys and tokens already removed, or null
 */
public record FailedCall(String model, Integer status, String redactedMessage) {
}
