/**
 * What llmgate learns about models from their answers (SPEC §6): which endpoint a model needs,
 * and which models never work and are blacklisted until a probe shows otherwise.
 *
 * <p>Plain Java, the clock passed in. {@link org.llmgate.learning.HintBook} is the in-memory view
 * the hot path reads; the wiring layer writes {@link org.llmgate.learning.HintBook#drainDirty()}
 * to {@code model_hints} in batches and restores it with
 * {@link org.llmgate.learning.HintBook#load(HintSnapshot)}.
 */
package org.llmgate.learning;
