package org.llmgate.budget.entity;

import jakarta.json.bind.annotation.JsonbTransient;
import java.math.BigDecimal;
import org.llmgate.config.control.CrudService;

/**
 * A spending cap (SPEC §11) on an organization, a course or a homework (the narrowest id that is
 * set), per period, in cents and/or tokens; {@code perStudent} gives each student their own
 * allowance of that size. Also the REST resource's shape.
 */
public record Budget(Long id, Long organizationId, Long courseId, Long homeworkId, boolean perStudent,
                     String period, BigDecimal limitCents, Long limitTokens) implements CrudService.Identified {

    @JsonbTransient
    public BudgetPeriod periodKind() {
        return BudgetPeriod.fromWireName(period).orElse(BudgetPeriod.MONTH);
    }

    /** Whether this budget covers a chat of {@code payer}: all levels apply at once. */
    public boolean covers(Payer payer) {
        if (organizationId != payer.organizationId()) {
            return false;
        }
        if (homeworkId != null) {
            return homeworkId.equals(payer.homeworkId());
        }
        if (courseId != null) {
            return courseId.equals(payer.courseId());
        }
        return true;
    }
}
