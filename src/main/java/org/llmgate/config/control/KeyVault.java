package org.llmgate.config.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.llmgate.platform.Settings;

/**
 * Encrypts API keys at rest with AES-256-GCM (SPEC §2), bound to their credential (see
 * {@link KeyCipher}). The master key comes from LLMGATE_MASTER_KEY or, when unset, from a random key
 * generated once into the data directory. A cluster must share LLMGATE_MASTER_KEY.
 */
@ApplicationScoped
public class KeyVault {

    private KeyCipher cipher;

    @Inject
    Settings settings;

    @PostConstruct
    void init() {
        cipher = new KeyCipher(masterKey(settings.masterKey(), settings.dataDir()));
    }

    /** The configured master key, or the one generated into the data directory. */
    public static String masterKey(java.util.Optional<String> configured, Path dataDir) {
        return configured.orElseGet(() -> generatedMasterKey(dataDir));
    }

    public String encrypt(long credentialId, String plain) {
        return cipher.encrypt(credentialId, plain);
    }

    public String decrypt(long credentialId, String stored) {
        return cipher.decrypt(credentialId, stored);
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
