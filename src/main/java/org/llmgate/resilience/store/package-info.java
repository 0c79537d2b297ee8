/**
 * Resilience in the container: {@link org.llmgate.resilience.store.HopGuard}, which the chat asks
 * before and after each hop, the {@code circuit_states} and {@code notifications} tables, the
 * permanent-trip notification and the cleanup of breakers whose credential or model is gone.
 */
package org.llmgate.resilience.store;
