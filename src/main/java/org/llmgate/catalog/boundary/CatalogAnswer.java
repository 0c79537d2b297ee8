package org.llmgate.catalog.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.llmgate.catalog.control.CatalogListing;
import org.llmgate.providers.CatalogModel;
import org.llmgate.resilience.FreeModels;

/** The catalog answer of SPEC §8: fields a provider does not give are null; free per SPEC §5. */
public record CatalogAnswer(String provider, boolean stale, Instant fetchedAt, List<Model> models) {

    public record Model(String id, String name, Integer contextWindow, BigDecimal inputCentsPerMillion,
                        BigDecimal outputCentsPerMillion, boolean free) {

        static Model of(CatalogModel m) {
            return new Model(m.id(), m.name(), m.contextWindow(), m.inputCentsPerMillion(), m.outputCentsPerMillion(),
                    FreeModels.isFree(m.id(), m.inputCentsPerMillion(), m.outputCentsPerMillion()));
        }
    }

    static CatalogAnswer of(String provider, CatalogListing listing) {
        return new CatalogAnswer(provider, listing.stale(), listing.fetchedAt(),
                listing.models().stream().map(Model::of).toList());
    }
}
