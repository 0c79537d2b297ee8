package org.llmgate.catalog.control;

import java.time.Instant;
import java.util.List;
import org.llmgate.providers.CatalogModel;

/**
 * A provider's model list as fetched at {@code fetchedAt}; {@code stale} when a newer fetch failed
 * and this older list is served instead (SPEC §8).
 */
public record CatalogListing(List<CatalogModel> models, Instant fetchedAt, boolean stale) {

    public CatalogListing {
        models = List.copyOf(models);
    }

    CatalogListing asStale() {
        return stale ? this : new CatalogListing(models, fetchedAt, true);
    }
}
