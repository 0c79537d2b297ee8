package org.llmgate.platform.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.llmgate.platform.AppState;
import org.llmgate.platform.Settings;

/**
 * The bootstrap admin. With LLMGATE_ADMIN_PASSWORD unset, the first instance to start generates a
 * password, stores only its hash (shared by the cluster) and prints it once.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// every authenticated request passes through verify(): a singleton's default write lock would serialize them all
@Lock(LockType.READ)
public class AdminAccount {

    private static final Logger LOG = Logger.getLogger(AdminAccount.class.getName());

    @Inject
    Settings settings;
    @Inject
    AppState appState;

    private volatile String storedHash;
    /** SHA-256 of credentials already verified: PBKDF2 costs ~100 ms and must not run per request. */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void bootstrap() {
        if (settings.adminPassword().isPresent()) {
            return;
        }
        Optional<String> existing = appState.get(AppState.ADMIN_PASSWORD_HASH);
        if (existing.isPresent()) {
            storedHash = existing.get();
            return;
        }
        String generated = Passwords.randomToken(18);
        if (appState.insertIfAbsent(AppState.ADMIN_PASSWORD_HASH, Passwords.hash(generated))) {
            // Printed once, on purpose: this is the only time the password exists in clear text.
            System.out.println("""

                    ==================================================================
                     llmgate admin account created
                       username: %s
                       password: %s
                     Shown only now. Set LLMGATE_ADMIN_PASSWORD to choose your own.
                    ==================================================================
                    """.formatted(settings.adminUsername(), generated));
        }
        storedHash = appState.get(AppState.ADMIN_PASSWORD_HASH).orElseThrow();
        LOG.info("Bootstrap admin ready");
    }

    public boolean verify(String username, String password) {
        if (!Passwords.constantTimeEquals(username, settings.adminUsername())) {
            return false;
        }
        String fingerprint = Passwords.sha256Hex(username + '\u0000' + password);
        if (verified.contains(fingerprint)) {
            return true;
        }
        Optional<String> configured = settings.adminPassword();
        boolean ok = configured.isPresent()
                ? Passwords.constantTimeEquals(password, configured.get())
                : storedHash != null && Passwords.matches(password, storedHash);
        if (ok) {
            verified.add(fingerprint);
        }
        return ok;
    }
}
