package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.llmgate.budget.entity.Budget;
import org.llmgate.budget.entity.BudgetPeriod;
import org.llmgate.config.control.CrudService;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;

/** The budget resource (SPEC §11): validated in full before anything is written, so bad input changes nothing. */
@ApplicationScoped
public class Budgets implements CrudService<Budget> {

    private static final Set<String> FIELDS = JsonFields.fieldsOf(Budget.class);
    /** Ten billion currency units: far above any real budget, far below numeric(24,6)'s range. */
    private static final BigDecimal MAX_CENTS = new BigDecimal("1000000000000");

    @Inject
    BudgetStore store;
    @Inject
    BudgetBook book;

    @Override
    public List<Budget> list(Long organizationId) {
        return organizationId == null ? store.all() : store.ofOrganization(organizationId);
    }

    @Override
    public Budget get(long id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("budget", id));
    }

    @Override
    public Budget create(JsonFields fields) {
        Budget saved = store.insert(read(fields, null));
        book.reload();
        return saved;
    }

    @Override
    public Budget update(long id, JsonFields fields) {
        Budget current = get(id);
        Budget saved = store.update(id, read(fields, current)).orElseThrow(() -> ProblemException.notFound("budget", id));
        book.reload();
        return saved;
    }

    @Override
    public void delete(long id) {
        if (!store.delete(id)) {
            throw ProblemException.notFound("budget", id);
        }
        book.reload();
    }

    @Override
    public Set<String> fields() {
        return FIELDS;
    }

    private Budget read(JsonFields fields, Budget current) {
        Long organizationId = fields.requiredId("organizationId");
        Long courseId = fields.optionalId("courseId");
        Long homeworkId = fields.optionalId("homeworkId");
        boolean perStudent = false;
        JsonValue flag = fields.json().get("perStudent");
        if (flag == JsonValue.TRUE) {
            perStudent = true;
        } else if (flag != null && flag != JsonValue.FALSE && flag != JsonValue.NULL) {
            fields.fail("perStudent", "must be true or false");
        }
        String period = fields.optionalString("period", 10);
        if (period == null) {
            period = BudgetPeriod.MONTH.wireName();
        } else if (BudgetPeriod.fromWireName(period).isEmpty()) {
            fields.fail("period", "must be day, week or month");
        }
        BigDecimal limitCents = fields.optionalDecimal("limitCents", BigDecimal.ZERO, MAX_CENTS);
        if (limitCents != null && limitCents.scale() > 6) {
            fields.fail("limitCents", "must have at most 6 decimals");
        }
        Long limitTokens = null;
        if (fields.has("limitTokens")) {
            Integer ignored = fields.optionalInt("limitTokens", 0, Integer.MAX_VALUE);
            limitTokens = ignored == null ? null : ignored.longValue();
        }
        if (!fields.has("limitCents") && !fields.has("limitTokens")) {
            fields.fail("limitCents", "give limitCents, limitTokens or both");
        }
        if (organizationId != null) {
            checkTarget(fields, organizationId, courseId, homeworkId);
            if (current != null && !organizationId.equals(current.organizationId())) {
                fields.fail("organizationId", "a budget cannot move to another organization");
            }
        }
        fields.validate();
        return new Budget(null, organizationId, courseId, homeworkId, perStudent, period,
                limitCents == null ? null : limitCents.stripTrailingZeros(), limitTokens);
    }

    private void checkTarget(JsonFields fields, long organizationId, Long courseId, Long homeworkId) {
        if (store.parentsOf("organizations", organizationId).isEmpty()) {
            fields.fail("organizationId", "organization " + organizationId + " does not exist");
            return;
        }
        if (courseId != null) {
            Optional<long[]> course = store.parentsOf("courses", courseId);
            if (course.isEmpty() || course.get()[0] != organizationId) {
                fields.fail("courseId", "course " + courseId + " does not exist in organization " + organizationId);
            }
        }
        if (homeworkId != null) {
            Optional<long[]> homework = store.parentsOf("homeworks", homeworkId);
            if (homework.isEmpty() || homework.get()[0] != organizationId) {
                fields.fail("homeworkId", "homework " + homeworkId + " does not exist in organization " + organizationId);
            } else if (courseId != null && homework.get()[1] != courseId) {
                fields.fail("courseId", "must be the homework's course (" + homework.get()[1] + ") or left out");
            }
        }
    }
}
