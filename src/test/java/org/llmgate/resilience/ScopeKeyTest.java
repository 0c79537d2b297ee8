package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeKeyTest {

    @Test
    void idsAreStableAndReadable() {
        assertThat(ScopeKey.credential("openrouter", 12).id()).isEqualTo("credential|openrouter|12");
        assertThat(ScopeKey.credit("OpenRouter", 12).id()).isEqualTo("credit|openrouter|12");
        assertThat(ScopeKey.endpoint("https://openrouter.ai/api/v1").id()).isEqualTo("endpoint|https://openrouter.ai/api/v1");
        assertThat(ScopeKey.model("openrouter", 12, "vendor/x:free").id()).isEqualTo("model|openrouter|12|vendor/x:free");
    }

    @Test
    void everyIdParsesBackToTheSameKey() {
        for (ScopeKey key : new ScopeKey[] {
                ScopeKey.credential("openai", 1),
                ScopeKey.credit("openrouter", 7),
                ScopeKey.endpoint("http://localhost:8000/v1"),
                ScopeKey.model("openai-compatible", 3, "org|odd:model|name"),
        }) {
            assertThat(ScopeKey.parse(key.id())).isEqualTo(key);
        }
    }

    @Test
    void oneServerIsOneEndpointWhateverTheSpelling() {
        assertThat(ScopeKey.endpoint("https://API.OpenAI.com/v1/"))
                .isEqualTo(ScopeKey.endpoint("https://api.openai.com/v1"));
        assertThat(ScopeKey.endpoint("https://host/V1")).isNotEqualTo(ScopeKey.endpoint("https://host/v1"));
    }

    @Test
    void aRememberedSpellingNormalisesAsTheFirstTimeAndTheMemoryIsBounded() {
        String spelling = "https://Remembered.Example/v1/";
        assertThat(ScopeKey.endpoint(spelling)).isEqualTo(ScopeKey.endpoint(spelling))
                .isEqualTo(ScopeKey.endpoint("https://remembered.example/v1"));
        for (int i = 0; i < ScopeKey.MAX_NORMALIZED_BASE_URLS + 10; i++) {
            assertThat(ScopeKey.endpoint("https://Host" + i + ".example/v1/").baseUrl())
                    .isEqualTo("https://host" + i + ".example/v1");
        }
        assertThat(ScopeKey.normalizedBaseUrlsKept()).isLessThanOrEqualTo(ScopeKey.MAX_NORMALIZED_BASE_URLS);
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> ScopeKey.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeKey.parse("galaxy|a|1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeKey.parse("credential|openai|x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopeKey.parse("model|openai|1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFreeTargetIsOutsideTheCreditScope() {
        HopTarget paid = new HopTarget("openrouter", 12, "https://openrouter.ai/api/v1", "vendor/x", false);
        HopTarget free = new HopTarget("openrouter", 12, "https://openrouter.ai/api/v1", "vendor/x:free", true);
        assertThat(paid.scopes()).contains(ScopeKey.credit("openrouter", 12)).hasSize(4);
        assertThat(free.scopes()).doesNotContain(ScopeKey.credit("openrouter", 12)).hasSize(3);
    }
}
