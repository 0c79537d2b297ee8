package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.llmgate.budget.entity.Budget;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.CourseView;
import org.llmgate.config.control.HomeworkView;
import org.llmgate.config.control.OrganizationView;

/**
 * Texts about budgets. The exhausted message is read by students (SPEC §11): it names the budget and
 * when it resets, from llmgate's own data only, never from an upstream.
 */
@ApplicationScoped
public class BudgetMessages {

    private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    @Inject
    ConfigCache cache;
    @Inject
    BudgetCalendar calendar;

    /** "Course 'Programming 1' has used its monthly budget of 50.00; it resets on 2026-12-01 00:00 UTC". */
    public String exhausted(Budget budget, Instant periodStart) {
        String resets = RESET.format(budget.periodKind().next(periodStart, calendar.zone()).atZone(calendar.zone()));
        String period = budget.periodKind().adjective();
        if (budget.perStudent()) {
            return "You have used your " + period + " allowance of " + size(budget) + " for " + target(budget, false)
                    + "; it resets on " + resets;
        }
        return target(budget, true) + " has used its " + period + " budget of " + size(budget) + "; it resets on " + resets;
    }

    public String uncheckable() {
        return "The budget for this chat cannot be checked right now; please try again in a few minutes";
    }

    /** "Course 'Programming 1'" (or "course 'Programming 1'" inside a sentence). */
    public String target(Budget budget, boolean capital) {
        ConfigSnapshot snapshot = cache.snapshot();
        String kind;
        String name;
        if (budget.homeworkId() != null) {
            HomeworkView h = snapshot.homeworks().get(budget.homeworkId());
            kind = "homework";
            name = h == null ? "#" + budget.homeworkId() : h.name();
        } else if (budget.courseId() != null) {
            CourseView c = snapshot.courses().get(budget.courseId());
            kind = "course";
            name = c == null ? "#" + budget.courseId() : c.name();
        } else {
            OrganizationView o = snapshot.organizations().get(budget.organizationId());
            kind = "organization";
            name = o == null ? "#" + budget.organizationId() : o.name();
        }
        return (capital ? Character.toUpperCase(kind.charAt(0)) + kind.substring(1) : kind) + " '" + name + "'";
    }

    /** "50.00", "10000 tokens", or both: cents are shown as currency units, with two decimals or more when needed. */
    static String size(Budget budget) {
        String money = budget.limitCents() == null ? null : units(budget.limitCents());
        String tokens = budget.limitTokens() == null ? null : budget.limitTokens() + " tokens";
        if (money != null && tokens != null) {
            return money + " (or " + tokens + ")";
        }
        return money != null ? money : tokens;
    }

    private static String units(BigDecimal cents) {
        BigDecimal units = cents.divide(BigDecimal.valueOf(100)).stripTrailingZeros();
        // never round a limit in a message: 5.7 cents is 0.057, not 0.06
        return (units.scale() <= 2 ? units.setScale(2, RoundingMode.UNNECESSARY) : units).toPlainString();
    }
}
