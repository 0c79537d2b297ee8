/**
 * What operators watch (SPEC §12): Prometheus metrics at /llmgate/metrics, recorded on the chat's
 * path at the cost of a few adder increments, the OpenAPI description at /llmgate/openapi, and the
 * admin health report (SPEC §8), which joins breakers, hints and notifications.
 */
package org.llmgate.observability;
