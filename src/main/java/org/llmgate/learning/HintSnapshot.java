package org.llmgate.learning;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;

/**
 * One {@code model_hints} row as the learning logic sees it (SPEC §6, §8 "model hint").
 *
 * @param errorCount       the model's own errors only (see {@link ModelHintState#isModelFault})
 * @param lastErrorMessage already redacted by the caller
 * @param manual           the blacklist was set by an admin: never probed, cleared only by hand
 * @param blacklistedAt    when the blacklist was set or last confirmed by a failed probe
 * @param version          grows with every change; breaks ties of {@code updatedAt} on
 *                         {@link HintBook#load} (the later change wins). 0 for a row read back
 */
public record HintSnapshot(
        HintKey key,
        long successCount,
        long errorCount,
        ErrorClass lastErrorClass,
        String lastErrorMessage,
        Set<Endpoint> supportedEndpoints,
        Set<Endpoint> unsupportedEndpoints,
        Endpoint preferredEndpoint,
        boolean blacklisted,
        String blacklistReason,
        Instant blacklistedAt,
        boolean manual,
        Instant updatedAt,
        long version) {

    public HintSnapshot {
        Objects.requireNonNull(key, "key");
        supportedEndpoints = supportedEndpoints == null ? Set.of() : Set.copyOf(supportedEndpoints);
        unsupportedEndpoints = unsupportedEndpoints == null ? Set.of() : Set.copyOf(unsupportedEndpoints);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
