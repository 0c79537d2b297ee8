/**
 * Provider-neutral upstream calls (SPEC §4, §7): the adapter contract, the one failure type and
 * its classification, the shared HTTP client, the SSE reader that relays a stream without holding
 * a thread, and key redaction. One subpackage per provider holds its request mapping, stream
 * decoder and error quirks.
 */
package org.llmgate.providers;
