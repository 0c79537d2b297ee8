package org.llmgate.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.llmgate.config.control.ConfigChanged;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.platform.Settings;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;

/**
 * Model lists per provider + credential, in memory (SPEC §8). The key also carries a fingerprint of
 * the credential's base URL and key, so a credential changed on another cluster instance misses
 * here too; a change on this instance drops the entry at once.
 */
@ApplicationScoped
public class CatalogCache {

    /** A down provider is asked again after this long at most (or after the TTL, when shorter). */
    static final Duration FAILURE_HOLD = Duration.ofSeconds(15);
    static final long WAIT_MS = 5_000;
    static final int CONCURRENT = 10;
    static final int QUEUED = 40;
    private static final String CREDENTIAL_CHANGE = "credential:";

    private final ConcurrentMap<Key, CatalogEntry> entries = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Inject
    Settings settings;

    record Key(String provider, long credentialId, String fingerprint) {
    }

    /** The credential's model list: fresh, stale with its fetch time, or failed with an UpstreamFailure. */
    public CompletableFuture<CatalogListing> models(ProviderAdapter adapter, RuntimeCredential credential, boolean refresh) {
        return entries.computeIfAbsent(key(adapter, credential), k -> new CatalogEntry(clock)).get(ttl(), failureHold(), refresh,
                () -> adapter.listModels(new ProviderAccess(credential.baseUrl(), credential.apiKey())));
    }

    /**
     * The model list for an admin, who waits at most {@value #WAIT_MS} ms for it (the provider's own
     * bound is longer): then the last good list is served stale, or a timeout when there is none, and
     * the fetch goes on to fill the cache. The wait happens on a fault-tolerance worker, not a request
     * thread; Payara times and bulkheads the method's own run, so the method waits for the list
     * itself. At most {@value #CONCURRENT} admins wait at once, {@value #QUEUED} more queue.
     */
    @Asynchronous
    @Timeout(WAIT_MS)
    @Bulkhead(value = CONCURRENT, waitingTaskQueue = QUEUED)
    @Fallback(value = StaleCatalog.class, applyOn = {TimeoutException.class, BulkheadException.class})
    public CompletionStage<CatalogListing> awaitModels(ProviderAdapter adapter, RuntimeCredential credential, boolean refresh) {
        return CompletableFuture.completedFuture(Outcome.await(models(adapter, credential, refresh)));
    }

    /** The last good list of the credential, marked stale; empty when there never was one. */
    public Optional<CatalogListing> lastGood(ProviderAdapter adapter, RuntimeCredential credential) {
        CatalogEntry entry = entries.get(key(adapter, credential));
        return entry == null ? Optional.empty() : entry.lastGood();
    }

    private static Key key(ProviderAdapter adapter, RuntimeCredential credential) {
        return new Key(adapter.id(), credential.id(), fingerprint(credential));
    }

    private Duration ttl() {
        return settings.catalogTtl();
    }

    private Duration failureHold() {
        Duration ttl = ttl();
        return ttl.compareTo(FAILURE_HOLD) < 0 ? ttl : FAILURE_HOLD;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigChanged change) {
        String what = change.what();
        if (what != null && what.startsWith(CREDENTIAL_CHANGE)) {
            try {
                long id = Long.parseLong(what.substring(CREDENTIAL_CHANGE.length()));
                entries.keySet().removeIf(key -> key.credentialId() == id);
            } catch (NumberFormatException ignored) {
                // not a single credential: nothing cached can be affected
            }
        }
    }

    /** A one-way digest, so not even a heap dump of the cache keys shows the key. */
    private static String fingerprint(RuntimeCredential credential) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(credential.baseUrl()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(credential.apiKey()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
