package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.llmgate.budget.control.BudgetCalendar;
import org.llmgate.budget.control.BudgetMessages;
import org.llmgate.budget.control.BudgetStatus;
import org.llmgate.budget.control.BudgetStatuses;
import org.llmgate.budget.control.Budgets;
import org.llmgate.budget.entity.Budget;

/**
 * Budgets as spent / limit bars (SPEC §11 Screens), for the Budgets page and the organization,
 * course and homework lists. Read once per request and organization.
 */
@Named
@SignedIn
@RequestScoped
public class BudgetBars {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    @Inject
    Budgets budgets;
    @Inject
    BudgetStatuses statuses;
    @Inject
    BudgetMessages messages;
    @Inject
    BudgetCalendar calendar;
    @Inject
    Workspace workspace;

    /** One budget as a bar: {@code percent} of the limit used (the most-used limit; the top student's when per student). */
    public record Bar(Budget budget, String target, String size, String used, int percent, String resetsAt) {
        public String getBarClass() {
            return percent >= 100 ? "lg-bar-full" : percent >= 80 ? "lg-bar-warn" : "lg-bar-ok";
        }
    }

    private final Map<Long, List<Bar>> byOrganization = new HashMap<>();

    public List<Bar> all(Long organizationId) {
        if (organizationId == null) {
            return List.of();
        }
        return byOrganization.computeIfAbsent(organizationId, org -> budgets.list(org).stream().map(this::bar).toList());
    }

    public List<Bar> ofOrganization(Long organizationId) {
        return all(organizationId).stream().filter(b -> b.budget().courseId() == null && b.budget().homeworkId() == null).toList();
    }

    public List<Bar> ofCourse(Long courseId) {
        return all(workspace.getOrganizationId()).stream()
                .filter(b -> b.budget().homeworkId() == null && courseId.equals(b.budget().courseId())).toList();
    }

    public List<Bar> ofHomework(Long homeworkId) {
        return all(workspace.getOrganizationId()).stream().filter(b -> homeworkId.equals(b.budget().homeworkId())).toList();
    }

    /** After a change on the page. */
    void forget() {
        byOrganization.clear();
    }

    private Bar bar(Budget b) {
        BudgetStatus s = statuses.of(b, null);
        BigDecimal cents = s.spentCents();
        long tokens = s.spentTokens();
        if (b.perStudent() && s.students() != null && !s.students().isEmpty()) {
            cents = s.students().get(0).spentCents();
            tokens = s.students().get(0).spentTokens();
        }
        int percent = Math.max(percent(cents, b.limitCents()),
                percent(BigDecimal.valueOf(tokens), b.limitTokens() == null ? null : BigDecimal.valueOf(b.limitTokens())));
        List<String> parts = new ArrayList<>();
        if (b.limitCents() != null) {
            parts.add(units(cents) + " of " + units(b.limitCents()));
        }
        if (b.limitTokens() != null) {
            parts.add(tokens + " of " + b.limitTokens() + " tokens");
        }
        String used = String.join(" · ", parts) + (b.perStudent() ? " (top student)" : "");
        String size = b.periodKind().adjective() + (b.perStudent() ? ", per student" : "");
        return new Bar(b, messages.target(b, true), size, used, percent, WHEN.format(s.resetsAt().atZone(calendar.zone())));
    }

    private static int percent(BigDecimal spent, BigDecimal limit) {
        if (limit == null) {
            return 0;
        }
        if (limit.signum() == 0) {
            return 100;
        }
        return spent.multiply(BigDecimal.valueOf(100)).divide(limit, 0, RoundingMode.DOWN).min(BigDecimal.valueOf(100)).intValue();
    }

    /** Currency units with two decimals, or more when a limit has them (5.7 cents is 0.057). */
    private static String units(BigDecimal cents) {
        BigDecimal units = cents.divide(BigDecimal.valueOf(100)).stripTrailingZeros();
        return (units.scale() <= 2 ? units.setScale(2, RoundingMode.UNNECESSARY) : units).toPlainString();
    }
}
