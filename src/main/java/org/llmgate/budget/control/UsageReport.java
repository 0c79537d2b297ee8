package org.llmgate.budget.control;

import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/admin/usage} (SPEC §11). */
public record UsageReport(LocalDate from, LocalDate to, String groupBy, List<UsageRow> rows, UsageRow totals) {

    public String csv() {
        StringBuilder out = new StringBuilder(UsageRow.CSV_HEADER).append("\r\n");
        for (UsageRow row : rows) {
            out.append(row.csv()).append("\r\n");
        }
        return out.toString();
    }
}
