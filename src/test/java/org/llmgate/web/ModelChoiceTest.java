package org.llmgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What the model picker shows for a catalog entry, and where the login page may send the admin. */
class ModelChoiceTest {

    @Test
    void prices_are_dollars_per_million_tokens_and_unknown_is_not_free() {
        ModelChoice paid = new ModelChoice("openai/gpt-4o-mini", "GPT-4o mini", 128_000, new BigDecimal("15"), new BigDecimal("60"), false);
        ModelChoice free = new ModelChoice("meta-llama/llama-3.3-70b-instruct:free", null, 131_072, BigDecimal.ZERO, BigDecimal.ZERO, true);
        ModelChoice unknown = new ModelChoice("gpt-4o", null, null, null, null, false);

        assertThat(paid.getPrice()).isEqualTo("$0.15 in / $0.60 out per 1M");
        assertThat(paid.getContext()).isEqualTo("128k tokens");
        assertThat(free.getPrice()).isEqualTo("free");
        assertThat(unknown.getPrice()).isEqualTo("price unknown");
        assertThat(unknown.getContext()).isEqualTo("context unknown");
    }

    @Test
    void after_sign_in_only_a_page_of_this_application_is_a_destination() {
        assertThat(LoginForm.isLocalPage("/configs.xhtml?org=3")).isTrue();
        assertThat(LoginForm.isLocalPage("//evil.example/x")).isFalse();
        assertThat(LoginForm.isLocalPage("https://evil.example/")).isFalse();
        assertThat(LoginForm.isLocalPage("/\\evil.example")).isFalse();
        assertThat(LoginForm.isLocalPage(null)).isFalse();
    }
}
