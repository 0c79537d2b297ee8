package org.llmgate.providers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void openAiKeysAndTheirMaskedEchoesAreRemoved() {
        String key = "sk-proj-AbC123def456GHI789jkl012MNO345";

        assertThat(Redaction.redact("Incorrect API key provided: " + key + ".")).doesNotContain(key).doesNotContain("AbC123");
        assertThat(Redaction.redact("Incorrect API key provided: sk-abc***xyz. You can find your API key at ..."))
                .doesNotContain("sk-abc").doesNotContain("***xyz").contains("Incorrect API key provided");
        assertThat(Redaction.redact("Incorrect API key provided: sk-test-***abcd"))
                .doesNotContain("abcd").doesNotContain("sk-test");
    }

    @Test
    void anthropicAndOpenRouterKeysAreRemoved() {
        assertThat(Redaction.redact("key sk-ant-api03-Zz9_abc-DEF is invalid")).doesNotContain("sk-ant").doesNotContain("Zz9");
        assertThat(Redaction.redact("key sk-or-v1-" + "0123456789abcdef".repeat(3) + "01234567 disabled"))
                .doesNotContain("0123456789abcdef").doesNotContain("sk-or-v1");
    }

    @Test
    void bearerTokensAndKeyValuePairsAreRemoved() {
        assertThat(Redaction.redact("sent Authorization: Bearer abc.def-ghi_123 to upstream"))
                .contains("Bearer [redacted]").doesNotContain("abc.def-ghi_123");
        assertThat(Redaction.redact("{\"api_key\": \"hunter2-secret\", \"model\": \"x\"}"))
                .doesNotContain("hunter2-secret").contains("model");
        assertThat(Redaction.redact("token=abcd1234;")).doesNotContain("abcd1234");
    }

    @Test
    void longMixedRunsThatLookLikeSecretsAreRemovedButModelIdsStay() {
        assertThat(Redaction.redact("x-goog-key AIzaSyD3x4mpl3K3yV4lu3Th4tL00ksR34l end"))
                .doesNotContain("AIzaSyD3x4mpl3K3yV4lu3Th4tL00ksR34l");
        assertThat(Redaction.redact("model: claude-3-5-sonnet-20241022 not found"))
                .isEqualTo("model: claude-3-5-sonnet-20241022 not found");
        assertThat(Redaction.redact("The model `gpt-4o-2024-08-06` does not exist"))
                .contains("gpt-4o-2024-08-06");
    }

    @Test
    void knownSecretsAreRemovedWhateverTheirShape() {
        String secret = "local password 99";

        assertThat(Redaction.redact("server said: local password 99 is wrong", secret))
                .isEqualTo("server said: [redacted] is wrong");
    }

    @Test
    void messagesAreTruncatedAndSingleLine() {
        String redacted = Redaction.redact("line one\nline two " + "x".repeat(1000));

        assertThat(redacted).hasSizeLessThanOrEqualTo(Redaction.MAX_LENGTH).doesNotContain("\n").startsWith("line one line two");
        assertThat(Redaction.redact(null)).isEmpty();
    }
}
