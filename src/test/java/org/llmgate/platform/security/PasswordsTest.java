package org.llmgate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void a_hash_matches_its_password_only() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("pbkdf2$").doesNotContain("correct horse");
        assertThat(Passwords.matches("correct horse", hash)).isTrue();
        assertThat(Passwords.matches("correct horsE", hash)).isFalse();
        assertThat(Passwords.matches("correct horse", "plain")).isFalse();
        assertThat(Passwords.hash("correct horse")).isNotEqualTo(hash);
    }

    @Test
    void tokens_are_random_and_hashed_as_hex() {
        assertThat(Passwords.randomToken(32)).hasSize(43).isNotEqualTo(Passwords.randomToken(32));
        assertThat(Passwords.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
