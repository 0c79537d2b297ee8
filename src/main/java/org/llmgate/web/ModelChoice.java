package org.llmgate.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import org.llmgate.providers.CatalogModel;
import org.llmgate.resilience.FreeModels;

/** A model of a provider's live catalog as the picker shows it (SPEC §8 catalog answer). */
public record ModelChoice(String id, String name, Integer contextWindow, BigDecimal inputCentsPerMillion,
                          BigDecimal outputCentsPerMillion, boolean free) {

    static ModelChoice of(CatalogModel model) {
        return new ModelChoice(model.id(), model.name(), model.contextWindow(), model.inputCentsPerMillion(),
                model.outputCentsPerMillion(),
                FreeModels.isFree(model.id(), model.inputCentsPerMillion(), model.outputCentsPerMillion()));
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
