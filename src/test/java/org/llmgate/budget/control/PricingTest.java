package org.llmgate.budget.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.llmgate.config.control.LlmConfigView;

class PricingTest {

    static LlmConfigView config(String model, String in, String out) {
        return new LlmConfigView(1L, 1L, "c", "openai", 1L, model, null, null, null,
                in == null ? null : new BigDecimal(in), out == null ? null : new BigDecimal(out), null);
    }

    @Test
    void cost_is_tokens_times_price_per_million_kept_to_a_millionth_of_a_cent() {
        Pricing p = Pricing.of(config("gpt", "15", "60"));
        assertThat(p.cents(1000, 500)).isEqualByComparingTo("0.045");
        assertThat(p.cents(1, 0)).isEqualByComparingTo("0.000015");
        assertThat(p.free()).isFalse();
        assertThat(p.unpriced()).isFalse();
    }

    @Test
    void a_worst_case_rounds_up_and_a_cost_rounds_half_up() {
        Pricing p = Pricing.of(config("gpt", "0.0000004", "0"));
        assertThat(p.worstCaseCents(1, 0)).isEqualByComparingTo("0.000001");
        assertThat(p.cents(1, 0)).isEqualByComparingTo("0");
    }

    @Test
    void free_models_and_unknown_prices_cost_nothing_but_unknown_is_flagged() {
        assertThat(Pricing.of(config("vendor/m:free", "15", "60")).cents(1000, 1000)).isEqualByComparingTo("0");
        assertThat(Pricing.of(config("local", "0", "0")).free()).isTrue();
        Pricing unknown = Pricing.of(config("gpt", null, "60"));
        assertThat(unknown.unpriced()).isTrue();
        assertThat(unknown.cents(1000, 1000)).isEqualByComparingTo("0");
    }
}
