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
 * password, stores only its hash (shared by the cluster) and prints it once; a configured password
 * is hashed at start, so both are checked the same way. An unknown username costs the same PBKDF2
 * work as a known one (against a dummy hash), so timing does not tell them apart.
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
    @Inject
    LoginThrottle throttle;

    private volatile String storedHash;
    private String dummyHash;
    /** SHA-256 of credentials already verified: PBKDF2 costs ~100 ms and must not run per request. */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void bootstrap() {
        dummyHash = Passwords.hash(Passwords.randomToken(18));
        if (settings.adminPassword().isPresent()) {
            storedHash = Passwords.hash(settings.adminPassword().get());
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

    /**
     * Checks a sign-in from a client address. Throttling comes first, before any hashing or cache
     * lookup, so a blocked address learns nothing about its guesses.
     */
    public LoginVerdict verify(String username, String password, String clientAddress) {
        Optional<Long> blocked = throttle.blockedFor(clientAddress);
        if (blocked.isPresent()) {
            return LoginVerdict.throttled(blocked.get());
        }
        String fingerprint = Passwords.sha256Hex(username + '\u0000' + password);
        if (verified.contains(fingerprint)) {
            return LoginVerdict.ACCEPTED;
        }
        boolean knownUser = Passwords.constantTimeEquals(username, settings.adminUsername());
        String hash = knownUser && storedHash != null ? storedHash : dummyHash;
        boolean ok = Passwords.matches(password, hash) && knownUser && storedHash != null;
        if (!ok) {
            throttle.failed(clientAddress);
            return LoginVerdict.REFUSED;
        }
        verified.add(fingerprint);
        throttle.succeeded(clientAddress);
        return LoginVerdict.ACCEPTED;
    }
}
