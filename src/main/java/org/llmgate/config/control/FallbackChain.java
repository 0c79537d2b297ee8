package org.llmgate.config.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * The ids a proposed fallback leads through: from {@code first}, following {@code fallbackOf},
     * until {@code target} (included: the fallback closes a cycle), the chain's end or an id seen
     * before. Whether the last id is {@code target} says whether saving would close a cycle.
     */
    public static List<Long> pathFrom(Long first, long target, Function<Long, Long> fallbackOf) {
        List<Long> path = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Long next = first; next != null && seen.add(next); next = next == target ? null : fallbackOf.apply(next)) {
            path.add(next);
        }
        return path;
    }
}
