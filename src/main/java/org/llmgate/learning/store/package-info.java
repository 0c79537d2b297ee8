/**
 * Learning in the container: {@link org.llmgate.learning.store.ModelLearning}, which holds the hint
 * book the chat reads, and the {@code model_hints} table that persists it and shares it across a cluster.
 */
package org.llmgate.learning.store;
