package org.llmgate.resilience.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.resilience.ScopeKey;

class BreakerCleanupTest {

    private final ConfigSnapshot snapshot = new ConfigSnapshot(1, Map.of(), Map.of(), Map.of(),
            Map.of(7L, new LlmConfigView(7L, 1L, "kept", "openai", 3L, "gpt-kept", null, null, null, null, null, null)),
            Map.of(3L, new RuntimeCredential(3L, 1L, "openai", "key", null, null, null, "sk")), Map.of());
    private final Predicate<ScopeKey> orphan = BreakerCleanup.orphanOf(snapshot);

    @Test
    void breakers_of_a_deleted_credential_or_an_unused_model_are_orphans() {
        assertThat(orphan.test(ScopeKey.credential("openai", 4))).isTrue();
        assertThat(orphan.test(ScopeKey.model("openai", 4, "gpt-kept"))).isTrue();
        assertThat(orphan.test(ScopeKey.model("openai", 3, "gpt-deleted"))).isTrue();
    }

    @Test
    void breakers_still_guarding_something_are_kept() {
        assertThat(orphan.test(ScopeKey.credential("openai", 3))).isFalse();
        assertThat(orphan.test(ScopeKey.credit("openai", 3))).isFalse();
        assertThat(orphan.test(ScopeKey.model("openai", 3, "gpt-kept"))).isFalse();
        assertThat(orphan.test(ScopeKey.endpoint("https://api.example.com/v1"))).isFalse();
    }
}
