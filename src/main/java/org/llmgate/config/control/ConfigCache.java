package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;
import org.llmgate.config.entity.Course;
import org.llmgate.config.entity.Credential;
import org.llmgate.config.entity.Homework;
import org.llmgate.config.entity.IntegrationToken;
import org.llmgate.config.entity.LlmConfig;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.AppState;

/**
 * The in-memory configuration the hot path reads. Reloaded whole after an admin change on this
 * instance (after commit) or when another instance bumped the shared version (see
 * {@link ConfigVersionWatcher}); between changes a chat request touches no database.
 */
@ApplicationScoped
public class ConfigCache {

    private static final Logger LOG = Logger.getLogger(ConfigCache.class.getName());

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    KeyVault keyVault;
    @Inject
    AppState appState;

    /** Counts invalidations; a snapshot is current only if it was loaded after the latest one. */
    private final AtomicLong changes = new AtomicLong(1);
    private volatile Loaded current;

    private record Loaded(long change, ConfigSnapshot snapshot) {
    }

    public ConfigSnapshot snapshot() {
        Loaded loaded = current;
        if (loaded != null && loaded.change() == changes.get()) {
            return loaded.snapshot();
        }
        return reload();
    }

    public void invalidate() {
        changes.incrementAndGet();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigChanged change) {
        invalidate();
    }

    public long loadedVersion() {
        Loaded loaded = current;
        return loaded == null ? -1 : loaded.snapshot().version();
    }

    /**
     * Readers that find the snapshot out of date wait here for the reload, so a chat that follows
     * a committed change always sees it. A change committed during the load bumps the counter
     * again and the next reader reloads once more.
     */
    private synchronized ConfigSnapshot reload() {
        long change = changes.get();
        Loaded loaded = current;
        if (loaded != null && loaded.change() == change) {
            return loaded.snapshot();
        }
        long started = System.nanoTime();
        long version = appState.configVersion();
        Map<Long, RuntimeCredential> credentials = new HashMap<>();
        for (Credential c : em.createQuery("SELECT c FROM Credential c", Credential.class).getResultList()) {
            String key;
            try {
                key = c.getApiKeyEncrypted() == null ? null : keyVault.decrypt(c.getId(), c.getApiKeyEncrypted());
            } catch (IllegalStateException unreadable) {
                // one unreadable key (another instance's generated master key, a damaged row) must not
                // take every other chat down: its configs are skipped as misconfigured
                LOG.warning("Credential " + c.getId() + " ('" + c.getLabel() + "') cannot be decrypted with this"
                        + " instance's master key; chats skip its configs. A cluster must share LLMGATE_MASTER_KEY.");
                continue;
            }
            credentials.put(c.getId(), new RuntimeCredential(c.getId(), c.getOrganizationId(), c.getProvider(),
                    c.getLabel(), c.getBaseUrl(), c.getRequestsPerMinute(), c.getTokensPerMinute(), key));
        }
        Map<String, ConfigSnapshot.TokenGrant> tokens = new HashMap<>();
        for (IntegrationToken t : em.createQuery("SELECT t FROM IntegrationToken t", IntegrationToken.class).getResultList()) {
            tokens.put(t.getTokenHash(), new ConfigSnapshot.TokenGrant(t.getId(), t.getOrganizationId()));
        }
        ConfigSnapshot snapshot = new ConfigSnapshot(version,
                all(Organization.class, OrganizationView::of, OrganizationView::id),
                all(Course.class, CourseView::of, CourseView::id),
                all(Homework.class, HomeworkView::of, HomeworkView::id),
                all(LlmConfig.class, LlmConfigView::of, LlmConfigView::id),
                Map.copyOf(credentials), Map.copyOf(tokens));
        current = new Loaded(change, snapshot);
        LOG.fine(() -> "Configuration v" + version + " loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return snapshot;
    }

    private <E, V> Map<Long, V> all(Class<E> entity, Function<E, V> view, Function<V, Long> id) {
        Map<Long, V> byId = new HashMap<>();
        for (E e : em.createQuery("SELECT e FROM " + entity.getSimpleName() + " e", entity).getResultList()) {
            V v = view.apply(e);
            byId.put(id.apply(v), v);
        }
        return Map.copyOf(byId);
    }
}
