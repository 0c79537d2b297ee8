/**
 * Why a hop is skipped or an upstream is left alone: failure scopes (SPEC §5), per-request
 * retirements, circuit breakers shared across requests, the free-model rule, and the cost guards
 * (context window, tokens-per-minute budget) that keep a huge prompt from being sent where it
 * cannot go.
 *
 * <p>Everything here is plain Java with the clock passed in: no database, no container. The
 * wiring layer persists breaker transitions through {@link org.llmgate.resilience.BreakerListener}
 * and feeds states written by other cluster members back through
 * {@link org.llmgate.resilience.BreakerRegistry#apply(BreakerSnapshot)}.
 */
package org.llmgate.resilience;
