package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreeModelsTest {

    @ParameterizedTest(name = "{0} in={1} out={2} -> free={3}")
    @CsvSource(nullValues = "null", value = {
            "vendor/model:free,    null, null, true",
            "vendor/model:FREE,    null, null, true",
            "vendor/model:Free,    250,  250,  true",
            "vendor/model:freedom, null, null, false",
            "vendor/free-model,    null, null, false",
            "vendor/model,         0,    0,    true",
            "vendor/model,         0.00, 0,    true",
            "vendor/model,         0,    250,  false",
            "vendor/model,         250,  0,    false",
            "vendor/model,         null, null, false",
            "vendor/model,         null, 0,    false",
            "vendor/model,         0,    null, false",
            "vendor/model,         15,   60,   false",
    })
    void theFreeModelRule(String model, BigDecimal in, BigDecimal out, boolean free) {
        assertThat(FreeModels.isFree(model, in, out)).isEqualTo(free);
    }
}
