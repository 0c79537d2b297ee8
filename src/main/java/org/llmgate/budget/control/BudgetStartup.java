package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.llmgate.platform.SchemaReady;
import org.llmgate.resilience.store.Notifications;

/**
 * Loads the budgets and starts the budget slices' flush once the schema exists, like every feature
 * (platform's start-up sequence fires {@link SchemaReady}; it knows no feature). It also creates
 * the beans a chat first reaches from an HTTP client thread (settling after a fallback, raising a
 * warning) here, inside the start-up's component context: created there, outside any, their
 * {@code @Resource} data source would stay null for the life of the application.
 */
@ApplicationScoped
public class BudgetStartup {

    @Inject
    BudgetBook book;
    @Inject
    BudgetLedger ledger;
    @Inject
    BudgetLeases leases;
    @Inject
    Notifications notifications;

    void start(@Observes SchemaReady ready) {
        book.start();
        ledger.start();
        leases.start();
        try {
            notifications.list(true, 1);
        } catch (RuntimeException e) {
            // the bean exists now, which is the point; the database may simply be down at start-up
        }
    }
}
