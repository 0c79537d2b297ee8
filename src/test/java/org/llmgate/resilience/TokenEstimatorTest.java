package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.ChatMessage;

class TokenEstimatorTest {

    @Test
    void fourCharactersAToken() {
        assertThat(TokenEstimator.estimate("")).isZero();
        assertThat(TokenEstimator.estimate((String) null)).isZero();
        assertThat(TokenEstimator.estimate("abcd")).isEqualTo(1);
        assertThat(TokenEstimator.estimate("abcde")).isEqualTo(2);
        assertThat(TokenEstimator.estimate("x".repeat(400_000))).isEqualTo(100_000);
    }

    @Test
    void messagesAddTheirOverhead() {
        List<ChatMessage> chat = List.of(new ChatMessage("system", "abcd"), new ChatMessage("user", "abcdefgh"));

        assertThat(TokenEstimator.estimate(chat)).isEqualTo(3 + (4 + 1) + (4 + 2));
    }
}
