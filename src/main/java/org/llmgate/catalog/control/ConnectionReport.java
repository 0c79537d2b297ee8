package org.llmgate.catalog.control;

/**
 * The answer of a test-connection (SPEC §8). {@code errorClass} is one of SPEC §4 and, like
 * {@code message}, null when all went well; the message is redacted and never holds the key.
 */
public record ConnectionReport(boolean ok, boolean keyValid, boolean modelAvailable, long latencyMs,
                               String errorClass, String message) {
}
