package org.llmgate.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** A model of a provider's live catalog as the picker shows it (SPEC §8 catalog answer). */
public record ModelChoice(String id, String name, Integer contextWindow, BigDecimal inputCentsPerMillion,
                          BigDecimal outputCentsPerMillion, boolean free) {

    static ModelChoice of(JsonObject json) {
        return new ModelChoice(json.getString("id", ""), Notice.Json2.text(json, "name"),
                json.get("contextWindow") instanceof JsonNumber n ? n.intValue() : null,
                decimal(json.get("inputCentsPerMillion")), decimal(json.get("outputCentsPerMillion")),
                json.getBoolean("free", false));
    }

    private static BigDecimal decimal(JsonValue value) {
        return value instanceof JsonNumber n ? n.bigDecimalValue() : null;
    }

    /** "128k tokens", or "context unknown". */
    public String getContext() {
        if (contextWindow == null) {
            return "context unknown";
        }
        return contextWindow >= 1000 ? contextWindow / 1000 + "k tokens" : contextWindow + " tokens";
    }

    /** Per million tokens in US dollars, as providers' price pages show it. */
    public String getPrice() {
        if (free) {
            return "free";
        }
        if (inputCentsPerMillion == null && outputCentsPerMillion == null) {
            return "price unknown";
        }
        return dollars(inputCentsPerMillion) + " in / " + dollars(outputCentsPerMillion) + " out per 1M";
    }

    private static String dollars(BigDecimal cents) {
        if (cents == null) {
            return "?";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setMaximumFractionDigits(cents.compareTo(BigDecimal.valueOf(100)) < 0 ? 3 : 2);
        return format.format(cents.divide(BigDecimal.valueOf(100), 5, RoundingMode.HALF_UP));
    }

    public String getDisplayName() {
        return name == null || name.equals(id) ? "" : name;
    }
}
