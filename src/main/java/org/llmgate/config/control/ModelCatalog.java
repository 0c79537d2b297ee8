package org.llmgate.config.control;

import org.llmgate.config.entity.Credential;
import org.llmgate.providers.CatalogModel;

/**
 * What the provider's catalog lists for a model, asked when an llm-config is saved: pricing and
 * context window fill the fields the admin left empty (SPEC §5 needs them). Implemented by the
 * catalog feature, which depends on config, so config does not depend on it.
 */
public interface ModelCatalog {

    /** The model as the credential's catalog lists it, or null when it is not there or the catalog cannot tell in time. */
    CatalogModel find(Credential credential, String modelId);
}
