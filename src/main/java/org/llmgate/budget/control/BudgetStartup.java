package org.llmgate.budget.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.llmgate.resilience.store.Notifications;

/**
 * Loads the budgets and starts the budget slices' flush once the schema exists (attempt rows'
 * retention is the attempt recorder's), from the budget feature
 * itself (platform knows no feature), in an EJB start-up context whose periodic tasks carry a
 * component context. It also creates the beans a chat first reaches from an HTTP client thread
 * (settling after a fallback, raising a warning): created there, outside any component context,
 * their {@code @Resource} data source would stay null for the life of the application.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class BudgetStartup {

    @Inject
    BudgetBook book;
    @Inject
    BudgetLedger ledger;
    @Inject
    BudgetLeases leases;
    @Inject
    Notifications notifications;

    @PostConstruct
    void start() {
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
