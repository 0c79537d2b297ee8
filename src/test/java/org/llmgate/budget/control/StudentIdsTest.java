package org.llmgate.budget.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StudentIdsTest {

    @Test
    void one_to_128_printable_characters() {
        assertThat(StudentIds.problem("s1234567")).isNull();
        assertThat(StudentIds.problem("jane.doe@uni.example")).isNull();
        assertThat(StudentIds.problem("Zoë Müller")).isNull();
        assertThat(StudentIds.problem("x".repeat(128))).isNull();
        assertThat(StudentIds.problem("x".repeat(129))).isNotNull();
        assertThat(StudentIds.problem("")).isNotNull();
        assertThat(StudentIds.problem("a\u0000b")).isNotNull();
        assertThat(StudentIds.problem("a\nb")).isNotNull();
        assertThat(StudentIds.problem("a\u200Eb")).isNotNull();
        // the anonymous row of erased students can never be a student's id
        assertThat(StudentIds.problem(BudgetLedger.ERASED)).isNotNull();
    }
}
