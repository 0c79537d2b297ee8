package org.llmgate.providers;

import java.math.BigDecimal;

/**
 * A model as a provider's catalog lists it, normalized. Fields the provider does not give are
 * null: unknown pricing is not the same as free (SPEC §5).
 */
public record CatalogModel(String id,
                           String name,
                           Integer contextWindow,
                           BigDecimal inputCentsPerMillion,
                           BigDecimal outputCentsPerMillion) {
}
