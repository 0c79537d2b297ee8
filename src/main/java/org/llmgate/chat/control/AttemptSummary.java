package org.llmgate.chat.control;

/**
 * One hop of a failed chat as the {@code error} event lists it. A hop skipped without a call
 * (breaker open, scope retired, too small, over budget) says so in {@code skipped}.
 */
public record AttemptSummary(Long configId, String provider, String model, String errorClass, Integer status,
                             String skipped) {
}
