package org.llmgate.budget.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.llmgate.budget.control.BudgetStatus;
import org.llmgate.budget.control.BudgetStatuses;
import org.llmgate.budget.control.Budgets;
import org.llmgate.budget.entity.Budget;
import org.llmgate.config.boundary.CrudResource;
import org.llmgate.config.control.CrudService;

/** {@code /api/admin/budgets}: CRUD (SPEC §11) and each budget's current period. Admin only (an admin path). */
@Path("admin/budgets")
public class BudgetsResource extends CrudResource<Budget> {

    @Inject
    Budgets service;
    @Inject
    BudgetStatuses statuses;

    @Override
    protected CrudService<Budget> service() {
        return service;
    }

    @Override
    protected String parentParameter() {
        return "organizationId";
    }

    @GET
    @Path("{id}/status")
    public BudgetStatus status(@PathParam("id") long id, @QueryParam("user") String user) {
        return statuses.of(service.get(id), user);
    }
}
