package org.llmgate.chat.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.llmgate.budget.control.BudgetAdmission;
import org.llmgate.learning.store.ModelLearning;
import org.llmgate.platform.Settings;
import org.llmgate.providers.ProviderRegistry;
import org.llmgate.providers.UpstreamHttp;
import org.llmgate.resilience.store.HopGuard;

/**
 * Relays one chat through its fallback chain (SPEC §3–§6). The hot path, in one reading: the plan
 * comes resolved from the config cache, {@link ChatExchange} walks the chain asking breakers and
 * hints in memory, the adapter streams asynchronously (no thread waits on an open stream), and
 * attempts are recorded off the path.
 */
@ApplicationScoped
public class ChatRelay {

    @Inject
    ProviderRegistry providers;
    @Inject
    HopGuard breakers;
    @Inject
    ModelLearning hints;
    @Inject
    AttemptRecorder recorder;
    @Inject
    Settings settings;
    @Inject
    ChatObserver observer;
    @Inject
    OpenChats openChats;
    @Inject
    BudgetAdmission budgets;
    @Inject
    UpstreamHttp upstream;

    private final Clock clock = Clock.systemUTC();
    private Duration firstByteTimeout;
    private Duration idleTimeout;

    @PostConstruct
    void init() {
        firstByteTimeout = settings.duration("llmgate.upstream.first-byte-timeout-ms", Duration.ofSeconds(30));
        idleTimeout = settings.duration("llmgate.upstream.idle-timeout-ms", Duration.ofSeconds(60));
    }

    /** Relays {@code plan} into {@code client}, or throws {@link ChatRefused} before anything is sent. */
    public void relay(ChatPlan plan, ChatSink client) {
        ChatSink sink = observer.observe(plan, openChats.admit(plan.organizationId(), client));
        ChatExchange exchange = new ChatExchange(this, plan, sink);
        sink.onClientGone(exchange::cancel);
        exchange.start();
    }

    Duration firstByteTimeout() {
        return firstByteTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Clock clock() {
        return clock;
    }
}
