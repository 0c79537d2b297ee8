/**
 * Fetching, caching and serving stale each provider's model list per credential, testing a key and
 * model, and answering config's {@link org.llmgate.config.control.ModelCatalog} when an
 * llm-config is saved.
 */
package org.llmgate.catalog.control;
