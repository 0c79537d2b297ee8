package org.llmgate.config.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain pinned to the config that fired: primary, its fallback, that one's fallback … at most
 * {@value #MAX_HOPS} hops (SPEC §3). Cycles are refused on save; the visited set guards against one
 * slipping in anyway (a concurrent edit on another instance).
 */
public final class FallbackChain {

    public static final int MAX_HOPS = 3;

    private FallbackChain() {
    }

    public static List<LlmConfigView> from(LlmConfigView primary, Map<Long, LlmConfigView> configs) {
        List<LlmConfigView> chain = new ArrayList<>(MAX_HOPS + 1);
        Set<Long> visited = new HashSet<>();
        LlmConfigView next = primary;
        while (next != null && chain.size() <= MAX_HOPS && visited.add(next.id())) {
            chain.add(next);
            next = next.fallbackConfigId() == null ? null : configs.get(next.fallbackConfigId());
        }
        return List.copyOf(chain);
    }
}
