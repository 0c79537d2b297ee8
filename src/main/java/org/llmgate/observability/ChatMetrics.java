package org.llmgate.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.llmgate.budget.control.BudgetStatus;
import org.llmgate.budget.control.BudgetStatuses;
import org.llmgate.budget.control.Budgets;
import org.llmgate.budget.entity.Budget;
import org.llmgate.chat.control.ChatObserver;
import org.llmgate.chat.control.ChatPlan;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.chat.control.OpenChats;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Usage;
import org.llmgate.resilience.BreakerSnapshot;
import org.llmgate.resilience.BreakerState;
import org.llmgate.resilience.FailureScope;
import org.llmgate.resilience.FreeModels;
import org.llmgate.resilience.store.HopGuard;

/**
 * llmgate's metrics (SPEC §12), kept in adders and written in Prometheus text on a scrape. Our own
 * registry rather than Payara's MicroProfile Metrics: it is served inside the WAR at
 * /llmgate/metrics behind llmgate's own authentication, histograms always carry buckets, and
 * recording costs a map lookup and an adder increment with no registry lookup per event.
 */
@ApplicationScoped
public class ChatMetrics implements ChatObserver {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ChatMetrics.class.getName());
    private static final java.util.List<String> BUDGET = java.util.List.of("budget");

    final Counter chats = new Counter("llmgate_chats_total", "Chats by outcome (done or error) and target level", "outcome", "level");
    final Counter attempts = new Counter("llmgate_attempts_total",
            "Upstream attempts by provider, model and error class (none for a success)", "provider", "model", "error_class");
    final Counter fallbacks = new Counter("llmgate_fallbacks_total", "Fallbacks by the error class that caused them", "error_class");
    final Counter tokens = new Counter("llmgate_tokens_total", "Tokens by direction (in or out) and provider", "direction", "provider");
    final Counter costCents = new Counter("llmgate_cost_cents_total", "Cost of answered chats in cents by organization id", "organization");
    final Histogram ttft = new Histogram("llmgate_upstream_ttft_seconds", "Upstream time to first token", "provider");
    final Histogram duration = new Histogram("llmgate_chat_duration_seconds", "Chat duration from start to done or error", "outcome");

    @Inject
    HopGuard breakers;
    /** Counts open chats already (exactly once per chat); the open-streams gauge reads it. */
    @Inject
    OpenChats openChats;
    @Inject
    Budgets budgets;
    @Inject
    BudgetStatuses budgetStatuses;
    /** Off only to measure what recording costs (the relay benchmark runs both ways). */
    @Inject
    @ConfigProperty(name = "llmgate.metrics.enabled", defaultValue = "true")
    boolean enabled;

    /** Wraps a chat's sink so its events are counted on their way to the client. */
    @Override
    public ChatSink observe(ChatPlan plan, ChatSink sink) {
        return enabled ? new MeteredSink(this, plan, sink) : sink;
    }

    void answered(long organizationId, LlmConfigView config, Usage usage) {
        if (usage == null) {
            return;
        }
        tokens.add(usage.inputTokens(), "in", config.provider());
        tokens.add(usage.outputTokens(), "out", config.provider());
        if (!FreeModels.isFree(config.model(), config.inputCentsPerMillion(), config.outputCentsPerMillion())) {
            costCents.add(cents(usage.inputTokens(), config.inputCentsPerMillion())
                    + cents(usage.outputTokens(), config.outputCentsPerMillion()), Long.toString(organizationId));
        }
    }

    private static double cents(long tokens, BigDecimal centsPerMillion) {
        return centsPerMillion == null ? 0 : tokens * centsPerMillion.doubleValue() / 1_000_000;
    }

    /**
     * What each budget (not per student: those have one remainder per student) has left in its
     * current period; the label is the budget's id. Read from the database on each scrape, so a
     * scrape during an outage simply lacks these lines.
     */
    private void writeBudgets(PrometheusText out) {
        out.header("llmgate_budget_remaining_cents", "Cents a budget has left in its period (limit - spent - reserved)", "gauge");
        PrometheusText tokenLines = new PrometheusText();
        tokenLines.header("llmgate_budget_remaining_tokens", "Tokens a budget has left in its period", "gauge");
        try {
            for (Budget budget : budgets.list(null)) {
                if (budget.perStudent()) {
                    continue;
                }
                BudgetStatus status = budgetStatuses.of(budget, null);
                java.util.List<String> label = java.util.List.of(String.valueOf(budget.id()));
                if (status.remainingCents() != null) {
                    out.sample("llmgate_budget_remaining_cents", BUDGET, label, status.remainingCents().doubleValue());
                }
                if (status.remainingTokens() != null) {
                    tokenLines.sample("llmgate_budget_remaining_tokens", BUDGET, label, status.remainingTokens());
                }
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "Budget gauges skipped: " + e.getMessage());
        }
        out.append(tokenLines);
    }

    /** The whole exposition, as a scrape sees it. */
    public String scrape() {
        PrometheusText out = new PrometheusText();
        chats.writeTo(out);
        attempts.writeTo(out);
        fallbacks.writeTo(out);
        tokens.writeTo(out);
        costCents.writeTo(out);
        ttft.writeTo(out);
        duration.writeTo(out);
        out.gauge("llmgate_open_streams", "Chats open right now on this instance", openChats.open());
        out.header("llmgate_breakers_open", "Breakers not closed (open or half-open) by scope", "gauge");
        Map<FailureScope, Integer> open = new EnumMap<>(FailureScope.class);
        for (FailureScope scope : FailureScope.values()) {
            open.put(scope, 0);
        }
        for (BreakerSnapshot snapshot : breakers.snapshots()) {
            if (snapshot.state() != BreakerState.CLOSED) {
                open.merge(snapshot.scope().scope(), 1, Integer::sum);
            }
        }
        open.forEach((scope, n) -> out.sample("llmgate_breakers_open", java.util.List.of("scope"),
                java.util.List.of(scope.name().toLowerCase(Locale.ROOT)), n));
        writeBudgets(out);
        return out.toString();
    }
}
