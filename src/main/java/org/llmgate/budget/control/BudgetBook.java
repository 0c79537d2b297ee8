package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.llmgate.budget.entity.Budget;
import org.llmgate.budget.entity.Payer;
import org.llmgate.platform.Background;

/**
 * Every budget, by organization, in memory: a chat of an organization without budgets asks no
 * database (SPEC §10). Reloaded after each local write and every few seconds, so a budget set on
 * another cluster instance applies here within that delay; the limits themselves are read from the
 * database inside each reservation, so a lowered limit is never overshot even before the reload.
 */
@ApplicationScoped
public class BudgetBook {

    private static final long RELOAD_MILLIS = 3000;

    @Inject
    BudgetStore store;
    @Inject
    Background background;

    private volatile Map<Long, List<Budget>> byOrganization;
    private ScheduledFuture<?> task;

    /** Called at start-up (see {@link BudgetStartup}), after the schema exists. */
    public void start() {
        reload();
        if (task == null) {
            task = background.every(RELOAD_MILLIS, "budget reload", this::reload);
        }
    }

    public void reload() {
        // each organization's list in id order, so a chat's covering budgets need no sort of their own
        byOrganization = store.all().stream().sorted(Comparator.comparing(Budget::id))
                .collect(Collectors.groupingBy(Budget::organizationId));
    }

    /** Whether any budget of the organization limits money: then a config without prices escapes it. */
    public boolean limitsMoney(long organizationId) {
        Map<Long, List<Budget>> current = byOrganization;
        return current != null && current.getOrDefault(organizationId, List.of()).stream().anyMatch(b -> b.limitCents() != null);
    }

    /** The budgets that apply to a chat of {@code payer}, in id order (the order rows are locked in). */
    public List<Budget> covering(Payer payer) {
        Map<Long, List<Budget>> current = byOrganization;
        if (current == null) {
            reload();
            current = byOrganization;
        }
        List<Budget> budgets = current.getOrDefault(payer.organizationId(), List.of());
        if (budgets.isEmpty()) {
            return List.of();
        }
        List<Budget> applicable = new ArrayList<>(budgets.size());
        for (Budget b : budgets) {
            if (b.covers(payer)) {
                applicable.add(b);
            }
        }
        return applicable;
    }
}
