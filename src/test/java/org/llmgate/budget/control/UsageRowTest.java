package org.llmgate.budget.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsageRowTest {

    @Test
    void csv_cells_are_quoted_when_needed_and_formulas_are_defused() {
        UsageRow row = new UsageRow("7", "Programming, \"advanced\"", 2, 3, 1, 1, 18, 20, new BigDecimal("3.8"), true, true);
        assertThat(row.csv()).isEqualTo("7,\"Programming, \"\"advanced\"\"\",2,3,1,1,18,20,3.8,true");
        assertThat(UsageRow.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(UsageRow.cell(null)).isEmpty();
    }

    @Test
    void warnings_fire_at_80_and_100_percent() {
        assertThat(BudgetWarnings.percent(new BigDecimal("79"), new BigDecimal("100"))).isZero();
        assertThat(BudgetWarnings.percent(new BigDecimal("80"), new BigDecimal("100"))).isEqualTo(80);
        assertThat(BudgetWarnings.percent(new BigDecimal("100"), new BigDecimal("100"))).isEqualTo(100);
        assertThat(BudgetWarnings.percent(new BigDecimal("100"), null)).isZero();
    }
}
