package org.llmgate.chat.control;

import java.util.EnumSet;
import java.util.Set;
import org.llmgate.budget.control.Reservation;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.learning.HintKey;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.resilience.HopTarget;

/**
 * One admitted hop of a chain: the config at {@code index}, what it calls with, the endpoint it
 * tries, and the budget reservation it holds until its attempt ends.
 */
public record Hop(int index, LlmConfigView config, RuntimeCredential credential, ProviderAdapter adapter,
                  HopTarget target, HintKey hint, Endpoint endpoint, Set<Endpoint> tried, long startedNanos,
                  Reservation reservation) {

    /** The same model on its other endpoint (SPEC §6) keeps the hop's budget reservation. */
    Hop on(Endpoint other) {
        Set<Endpoint> all = EnumSet.copyOf(tried);
        all.add(other);
        return new Hop(index, config, credential, adapter, target, hint, other, all, System.nanoTime(), reservation);
    }
}
