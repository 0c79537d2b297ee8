package org.llmgate.config.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Key vault format v2: PBKDF2-derived key, ciphertext bound to its credential; v1 still read. */
class KeyCipherTest {

    private static final KeyCipher CIPHER = new KeyCipher("correct horse battery staple");

    @Test
    void a_key_round_trips_for_its_own_credential_only() {
        String stored = CIPHER.encrypt(7, "sk-live-0123456789");
        assertThat(stored).startsWith("v2:").doesNotContain("0123456789");
        assertThat(CIPHER.decrypt(7, stored)).isEqualTo("sk-live-0123456789");
        assertThat(CIPHER.encrypt(7, "sk-live-0123456789")).as("a fresh IV each time").isNotEqualTo(stored);
        assertThatThrownBy(() -> CIPHER.decrypt(8, stored))
                .hasMessageContaining("credential 8").hasMessageNotContaining("sk-live").hasNoCause();
        assertThatThrownBy(() -> new KeyCipher("another master key").decrypt(7, stored)).hasNoCause();
    }

    @Test
    void a_version_1_ciphertext_of_an_earlier_release_still_decrypts_and_is_not_current() throws Exception {
        String legacy = legacyEncrypt("correct horse battery staple", "sk-old-key-abcd");
        assertThat(KeyCipher.isCurrent(legacy)).isFalse();
        assertThat(CIPHER.decrypt(3, legacy)).isEqualTo("sk-old-key-abcd");
    }

    /** What KeyVault wrote before issue 10: SHA-256 of the master key, one constant AAD. */
    static String legacyEncrypt(String master, String plain) throws Exception {
        SecretKeySpec key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(master.getBytes(StandardCharsets.UTF_8)), "AES");
        byte[] iv = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD("llmgate-credential-v1".getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
