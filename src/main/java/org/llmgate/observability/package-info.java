/**
 * What operators watch (SPEC §12): Prometheus metrics at /llmgate/metrics, recorded on the chat's
 * path at the cost of a few adder increments, and the OpenAPI description at /llmgate/openapi.
 */
package org.llmgate.observability;
