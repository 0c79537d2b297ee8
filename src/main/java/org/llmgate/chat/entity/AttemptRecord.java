package org.llmgate.chat.entity;

import java.time.Instant;

/** One row of {@code attempts}: an upstream call, or a hop skipped without one (SPEC §2). */
public record AttemptRecord(String requestId, int hop, Long configId, String provider, String model,
                            String endpoint, Outcome outcome, String errorClass, Integer httpStatus,
                            String skipReason, Long latencyMs, Long inputTokens, Long outputTokens,
                            Instant createdAt) {

    public enum Outcome {
        SUCCESS, FAILURE, SKIPPED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
