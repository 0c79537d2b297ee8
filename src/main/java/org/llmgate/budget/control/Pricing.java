package org.llmgate.budget.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.resilience.FreeModels;

/**
 * What tokens cost on one config (SPEC §11): input × input price + output × output price, / 10^6,
 * kept to 10^-6 cent. Free models (SPEC §5) cost 0; unknown pricing costs 0 too but is flagged,
 * because a money budget cannot protect a model whose price nobody told llmgate.
 */
public record Pricing(BigDecimal inputCentsPerMillion, BigDecimal outputCentsPerMillion, boolean free, boolean unpriced) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final int SCALE = 6;

    public static Pricing of(LlmConfigView config) {
        boolean free = FreeModels.isFree(config.model(), config.inputCentsPerMillion(), config.outputCentsPerMillion());
        boolean unpriced = !free && (config.inputCentsPerMillion() == null || config.outputCentsPerMillion() == null);
        return new Pricing(config.inputCentsPerMillion(), config.outputCentsPerMillion(), free, unpriced);
    }

    /** The cost of an attempt, exact to 10^-6 cent. */
    public BigDecimal cents(long inputTokens, long outputTokens) {
        return raw(inputTokens, outputTokens).setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** A worst case rounds up, so a reservation is never smaller than the cost it stands for. */
    public BigDecimal worstCaseCents(long inputTokens, long outputTokens) {
        return raw(inputTokens, outputTokens).setScale(SCALE, RoundingMode.UP);
    }

    private BigDecimal raw(long inputTokens, long outputTokens) {
        if (free || unpriced) {
            return BigDecimal.ZERO;
        }
        return inputCentsPerMillion.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputCentsPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION);
    }
}
