/**
 * Provider-neutral upstream calls (SPEC §4, §7): the adapter contract, the one failure type and
 * its classification, the shared HTTP client, the SSE reader that relays a stream without holding
 * a thread, and key redaction. What all HTTP providers share about errors (statuses, Retry-After,
 * generic phrases, transport failures) is in {@link org.llmgate.providers.HttpErrorClassifier};
 * one subpackage per provider holds its request mapping, stream decoder and error classifier with
 * that provider's own words and body shapes.
 */
package org.llmgate.providers;
