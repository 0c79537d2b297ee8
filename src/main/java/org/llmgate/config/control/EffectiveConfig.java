package org.llmgate.config.control;

import java.util.List;

/**
 * The config a target resolves to and the chain the runtime walks. {@code source} says where the
 * config came from: homework, course or organization; null with an empty chain when none is set.
 */
public record EffectiveConfig(String source, LlmConfigView config, List<LlmConfigView> chain) {

    public boolean configured() {
        return config != null;
    }
}
