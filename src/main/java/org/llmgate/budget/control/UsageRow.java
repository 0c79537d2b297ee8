package org.llmgate.budget.control;

import java.math.BigDecimal;

/**
 * One line of a usage report (SPEC §11), and the shape of its totals. {@code unpriced}: some of its
 * cost is unknown (a config without prices counted 0); in the JSON only, the CSV keeps the spec's columns.
 */
public record UsageRow(String key, String label, long chats, long attempts, long fallbacks, long errors,
                       long inputTokens, long outputTokens, BigDecimal costCents, boolean estimated, boolean unpriced) {

    static final String CSV_HEADER = "key,label,chats,attempts,fallbacks,errors,inputTokens,outputTokens,costCents,estimated";

    UsageRow plus(UsageRow o) {
        return new UsageRow(null, null, chats + o.chats, attempts + o.attempts, fallbacks + o.fallbacks, errors + o.errors,
                inputTokens + o.inputTokens, outputTokens + o.outputTokens, costCents.add(o.costCents),
                estimated || o.estimated, unpriced || o.unpriced);
    }

    String csv() {
        return String.join(",", cell(key), cell(label), String.valueOf(chats), String.valueOf(attempts),
                String.valueOf(fallbacks), String.valueOf(errors), String.valueOf(inputTokens), String.valueOf(outputTokens),
                costCents.toPlainString(), String.valueOf(estimated));
    }

    /**
     * RFC 4180 quoting; a cell a spreadsheet would run as a formula (student ids come from outside)
     * gets a leading apostrophe.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
