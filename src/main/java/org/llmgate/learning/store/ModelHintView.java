package org.llmgate.learning.store;

import java.util.List;
import org.llmgate.providers.Endpoint;

/** A model hint as SPEC §8 shows it, plus the success rate admins sort the matrix by. */
public record ModelHintView(long id, String provider, String modelId, long successCount, long errorCount,
                            Double successRate, String lastErrorClass, String lastErrorMessage,
                            List<String> supportedEndpoints, List<String> unsupportedEndpoints,
                            String preferredEndpoint, boolean blacklisted, String blacklistReason) {

    public static ModelHintView of(ModelHintsTable.StoredHint stored) {
        var h = stored.hint();
        long total = h.successCount() + h.errorCount();
        return new ModelHintView(stored.id(), h.key().provider(), h.key().modelId(), h.successCount(), h.errorCount(),
                total == 0 ? null : (double) h.successCount() / total,
                h.lastErrorClass() == null ? null : h.lastErrorClass().wireName(), h.lastErrorMessage(),
                h.supportedEndpoints().stream().map(Endpoint::wireName).sorted().toList(),
                h.unsupportedEndpoints().stream().map(Endpoint::wireName).sorted().toList(),
                h.preferredEndpoint() == null ? null : h.preferredEndpoint().wireName(),
                h.blacklisted(), h.blacklistReason());
    }
}
