package org.llmgate.config.control;

/** Fired inside the transaction of every admin change that affects what a chat resolves to. */
public record ConfigChanged(String what) {
}
