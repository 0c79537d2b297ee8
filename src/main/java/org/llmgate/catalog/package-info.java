/**
 * The live model catalog (SPEC §8): each provider's model list fetched with a credential's key,
 * cached per provider + credential, served stale when the provider is down; the test-connection
 * check of a key and model; and the catalog facts an llm-config is filled in with when saved. The
 * admin's waits on a provider are MicroProfile Fault Tolerance methods (timeout, bulkhead, fallback).
 */
package org.llmgate.catalog;
