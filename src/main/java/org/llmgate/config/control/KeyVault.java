package org.llmgate.config.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.llmgate.platform.Settings;

/**
 * Encrypts API keys at rest with AES-256-GCM (SPEC §2). The master key comes from LLMGATE_MASTER_KEY
 * (any string: its SHA-256 is the AES key) or, when unset, from a random key generated once into the
 * data directory. A cluster must share LLMGATE_MASTER_KEY.
 */
@ApplicationScoped
public class KeyVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "llmgate-credential-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec key;

    @Inject
    Settings settings;

    @PostConstruct
    void init() {
        String master = settings.masterKey().orElseGet(() -> generatedMasterKey(settings.dataDir()));
        try {
            key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(master.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String encoded) {
        try {
            byte[] in = Base64.getDecoder().decode(encoded);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(AAD);
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            // no cause attached: nothing about the key material may travel further (a truncated
            // ciphertext even surfaces as an unchecked ProviderException)
            throw new IllegalStateException("A stored API key cannot be decrypted: was LLMGATE_MASTER_KEY changed?");
        }
    }

    /**
     * A key travels in an HTTP header: control characters or characters outside Latin-1 (a pasted
     * newline, a zero-width space) would fail every call as if the endpoint were unreachable.
     */
    public static boolean isHeaderSafe(String apiKey) {
        return apiKey.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c <= 0xff);
    }

    public static String hintOf(String apiKey) {
        return apiKey.length() <= 4 ? "****" : apiKey.substring(apiKey.length() - 4);
    }

    private static synchronized String generatedMasterKey(Path dataDir) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String generated = Base64.getEncoder().encodeToString(raw);
            Path tmp = Files.createTempFile(dataDir, "master", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.writeString(tmp, generated);
            Files.move(tmp, file);
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the master key in " + dataDir
                    + ": set LLMGATE_MASTER_KEY or LLMGATE_DATA_DIR", e);
        }
    }
}
