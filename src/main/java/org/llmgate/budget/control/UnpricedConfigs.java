package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.LlmConfigView;

/**
 * SPEC §11: a config with unknown pricing costs 0 cents, so a money budget cannot stop it; it is
 * flagged on the health page while a money budget applies to its organization.
 */
@ApplicationScoped
public class UnpricedConfigs {

    @Inject
    ConfigCache cache;
    @Inject
    BudgetBook book;

    public List<LlmConfigView> underMoneyBudgets() {
        return cache.snapshot().configs().values().stream()
                .filter(c -> Pricing.of(c).unpriced() && book.limitsMoney(c.organizationId()))
                .sorted(Comparator.comparing(LlmConfigView::id))
                .toList();
    }
}
