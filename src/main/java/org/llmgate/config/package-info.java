/**
 * The tenancy and its configuration (SPEC §2–3, §8): organizations, courses, homeworks, credentials,
 * llm-configs and integration tokens; which config a chat uses and the fallback chain behind it,
 * cached in memory and kept coherent across a cluster.
 */
package org.llmgate.config;
