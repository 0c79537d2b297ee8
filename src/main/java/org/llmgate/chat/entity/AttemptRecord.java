package org.llmgate.chat.entity;

import java.math.BigDecimal;
import java.time.Instant;
import org.llmgate.budget.entity.Payer;

/** One row of {@code attempts}: an upstream call, or a hop skipped without one (SPEC §2). */
public record AttemptRecord(String requestId, int hop, Long configId, String provider, String model,
                            String endpoint, Outcome outcome, String errorClass, Integer httpStatus,
                            String skipReason, Long latencyMs, Long inputTokens, Long outputTokens,
                            Instant createdAt,
                            Payer payer, BigDecimal costCents, boolean estimated, boolean unpriced) {

    /** An attempt without the usage columns of SPEC §11 (who paid, what it cost). */
    public AttemptRecord(String requestId, int hop, Long configId, String provider, String model, String endpoint,
                         Outcome outcome, String errorClass, Integer httpStatus, String skipReason, Long latencyMs,
                         Long inputTokens, Long outputTokens, Instant createdAt) {
        this(requestId, hop, configId, provider, model, endpoint, outcome, errorClass, httpStatus, skipReason, latencyMs,
                inputTokens, outputTokens, createdAt, null, null, false, false);
    }

    public enum Outcome {
        SUCCESS, FAILURE, SKIPPED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
