package org.llmgate.config.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for API keys at rest, without CDI so the schema migration can use it too.
 *
 * <p>Version 2 ({@code v2:} prefix) derives the AES key from the master key with PBKDF2 (a master
 * key is often a human-chosen string) and binds each ciphertext to its credential's id through the
 * GCM additional data: a ciphertext copied to another credential's row no longer decrypts, so
 * database write access alone cannot send one organization's key to another's base URL.
 * Version 1 (no prefix: SHA-256 of the master key, one constant AAD) is still read, only to be
 * re-encrypted by the 003 change set at start-up.
 */
public final class KeyCipher {

    static final String V2 = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KDF_ITERATIONS = 310_000;
    // a fixed, public salt: the master key is per installation, the salt only separates this use of it
    private static final byte[] KDF_SALT = "llmgate key vault v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V1_AAD = "llmgate-credential-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec v2Key;
    private final SecretKeySpec v1Key;

    public KeyCipher(String masterKey) {
        try {
            PBEKeySpec spec = new PBEKeySpec(masterKey.toCharArray(), KDF_SALT, KDF_ITERATIONS, 256);
            v2Key = new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
            spec.clearPassword();
            v1Key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(masterKey.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks PBKDF2 or SHA-256", e);
        }
    }

    public String encrypt(long credentialId, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, v2Key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(credentialId));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return V2 + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed");
        }
    }

    public String decrypt(long credentialId, String stored) {
        try {
            boolean v2 = stored.startsWith(V2);
            byte[] in = Base64.getDecoder().decode(v2 ? stored.substring(V2.length()) : stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, v2 ? v2Key : v1Key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(v2 ? aad(credentialId) : V1_AAD);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            // no cause attached: nothing about the key material may travel further (a truncated
            // ciphertext even surfaces as an unchecked ProviderException)
            throw new IllegalStateException("The stored API key of credential " + credentialId
                    + " cannot be decrypted: was LLMGATE_MASTER_KEY changed, or the row copied from another credential?");
        }
    }

    public static boolean isCurrent(String stored) {
        return stored.startsWith(V2);
    }

    private static byte[] aad(long credentialId) {
        return ("llmgate-credential-v2:" + credentialId).getBytes(StandardCharsets.US_ASCII);
    }
}
