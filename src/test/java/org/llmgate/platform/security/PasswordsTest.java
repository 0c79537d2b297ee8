package org.llmgate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void token_hashes_stay_right_when_many_threads_hash_at_once() throws Exception {
        // each call clones one prototype digest: no call may see another's bytes
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> {
                for (int n = 0; n < 2_000; n++) {
                    if (!Passwords.sha256Hex("abc").equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                            || !Passwords.sha256Hex("").equals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")) {
                        return false;
                    }
                }
                return true;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
