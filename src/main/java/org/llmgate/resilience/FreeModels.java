package org.llmgate.resilience;

import java.math.BigDecimal;
import java.util.Locale;

/** The free-model rule of SPEC §5, in one place, because the credit scope depends on it. */
public final class FreeModels {

    private static final String FREE_SUFFIX = ":free";

    private FreeModels() {
    }

    /**
     * A model is free when its id ends with {@code :free} (any case; a suffix, so
     * {@code vendor/model:freedom} is not free) or when both prices are known and zero. Unknown
     * pricing is not free, nor is a model with only one side at zero: treating a model as free
     * wrongly would keep calling it on a key whose credit is gone.
     */
    public static boolean isFree(String modelId, BigDecimal inputCentsPerMillion, BigDecimal outputCentsPerMillion) {
        if (modelId != null && modelId.toLowerCase(Locale.ROOT).endsWith(FREE_SUFFIX)) {
            return true;
        }
        return isZero(inputCentsPerMillion) && isZero(outputCentsPerMillion);
    }

    private static boolean isZero(BigDecimal price) {
        // compareTo, not equals: 0.00 and 0 differ in scale but are both zero
        return price != null && price.signum() == 0;
    }
}
