package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import org.llmgate.config.entity.Course;
import org.llmgate.config.entity.Credential;
import org.llmgate.config.entity.Homework;
import org.llmgate.config.entity.IntegrationToken;
import org.llmgate.config.entity.LlmConfig;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.AppState;

/** Reads the whole configuration from the database into one {@link ConfigSnapshot}. */
@ApplicationScoped
public class ConfigLoader {

    private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
    /**
     * Straight from the database: the reload may run before EclipseLink has merged the committing
     * transaction into its shared cache, and a cached entity would then hide the change.
     */
    private static final String REFRESH = "eclipselink.refresh";

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    KeyVault keyVault;
    @Inject
    AppState appState;

    ConfigSnapshot load() {
        long version = appState.configVersion();
        Map<Long, RuntimeCredential> credentials = new HashMap<>();
        for (Credential c : em.createQuery("SELECT c FROM Credential c", Credential.class)
                .setHint(REFRESH, "true").getResultList()) {
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
        for (IntegrationToken t : em.createQuery("SELECT t FROM IntegrationToken t", IntegrationToken.class)
                .setHint(REFRESH, "true").getResultList()) {
            tokens.put(t.getTokenHash(), new ConfigSnapshot.TokenGrant(t.getId(), t.getOrganizationId()));
        }
        return new ConfigSnapshot(version,
                all(Organization.class, OrganizationView::of, OrganizationView::id),
                all(Course.class, CourseView::of, CourseView::id),
                all(Homework.class, HomeworkView::of, HomeworkView::id),
                all(LlmConfig.class, LlmConfigView::of, LlmConfigView::id),
                Map.copyOf(credentials), Map.copyOf(tokens));
    }

    private <E, V> Map<Long, V> all(Class<E> entity, Function<E, V> view, Function<V, Long> id) {
        Map<Long, V> byId = new HashMap<>();
        for (E e : em.createQuery("SELECT e FROM " + entity.getSimpleName() + " e", entity)
                .setHint(REFRESH, "true").getResultList()) {
            V v = view.apply(e);
            byId.put(id.apply(v), v);
        }
        return Map.copyOf(byId);
    }
}
