package org.llmgate.config.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.llmgate.config.entity.Credential;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;

@Stateless
@LocalBean
public class Credentials implements CrudService<CredentialView> {

    private static final java.util.Set<String> FIELDS = JsonFields.fieldsOf(CredentialView.class, "apiKey");

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigChanges changes;
    @Inject
    KeyVault keyVault;
    @Inject
    ProviderRegistry providers;

    public List<CredentialView> list(Long organizationId) {
        return Listing.of(em, Credential.class, "organizationId", organizationId, CredentialView::of);
    }

    public CredentialView get(long id) {
        return CredentialView.of(find(id));
    }

    public CredentialView create(JsonFields fields) {
        Credential credential = new Credential();
        String apiKey = apply(credential, fields);
        em.persist(credential);
        if (apiKey != null) {
            // the ciphertext is bound to the row's id (KeyCipher), which exists once the row does
            em.flush();
            credential.setApiKeyEncrypted(keyVault.encrypt(credential.getId(), apiKey), KeyVault.hintOf(apiKey));
        }
        changes.record("credential");
        return CredentialView.of(credential);
    }

    public CredentialView update(long id, JsonFields fields) {
        Credential credential = find(id);
        apply(credential, fields);
        changes.record("credential:" + id);
        return CredentialView.of(credential);
    }

    public void delete(long id) {
        Credential credential = find(id);
        List<Long> users = em.createQuery("SELECT c.id FROM LlmConfig c WHERE c.credentialId = :id ORDER BY c.id", Long.class)
                .setParameter("id", id).getResultList();
        if (!users.isEmpty()) {
            throw ProblemException.conflict("credential " + id + " is used by llm-configs " + users);
        }
        em.remove(credential);
        changes.record("credential:" + id);
    }

    /** Applies the fields; on create, returns the API key to encrypt once the row has its id. */
    private String apply(Credential credential, JsonFields fields) {
        boolean creating = credential.getId() == null;
        Long organizationId = fields.requiredId("organizationId");
        String provider = fields.requiredString("provider", 40);
        String label = fields.optionalString("label", 200);
        String apiKey = fields.optionalString("apiKey", 500);
        String baseUrl = fields.optionalString("baseUrl", 500);
        Integer rpm = fields.optionalInt("requestsPerMinute", 1, 1_000_000);
        Integer tpm = fields.optionalInt("tokensPerMinute", 1, 1_000_000_000);

        if (organizationId != null && em.find(Organization.class, organizationId) == null) {
            fields.fail("organizationId", "organization " + organizationId + " does not exist");
        } else if (!creating && organizationId != null && !organizationId.equals(credential.getOrganizationId())) {
            fields.fail("organizationId", "a credential cannot move to another organization");
        }
        ProviderAdapter adapter = provider == null ? null : providers.find(provider).orElse(null);
        if (provider != null && adapter == null) {
            fields.fail("provider", "unknown provider '" + provider + "' (GET /api/admin/llm-providers lists them)");
        }
        if (!creating && provider != null && !provider.equals(credential.getProvider()) && inUse(credential.getId())) {
            throw ProblemException.conflict("credential " + credential.getId()
                    + " is used by llm-configs: its provider cannot change");
        }
        if (apiKey != null && apiKey.isBlank()) {
            fields.fail("apiKey", "must not be blank");
        } else if (apiKey != null && !KeyVault.isHeaderSafe(apiKey)) {
            fields.fail("apiKey", "contains a line break, control or non-Latin-1 character (pasted by mistake?)");
        }
        boolean keyStored = credential.getApiKeyEncrypted() != null;
        if (!creating && apiKey == null && keyStored && movesKey(credential, provider, baseUrl)) {
            // the stored key was given for one host: it never follows a new base URL or provider (SPEC §8)
            fields.fail("apiKey", "is required when baseUrl or provider changes: the stored key is only sent to its own URL");
        }
        if (apiKey == null && adapter != null && adapter.requiresApiKey() && !keyStored) {
            fields.fail("apiKey", "is required for provider " + provider);
        }
        if (baseUrl != null && !isHttpUrl(baseUrl)) {
            fields.fail("baseUrl", "must be an absolute http(s) URL without user name or password");
        }
        if (baseUrl == null && adapter != null && adapter.defaultBaseUrl() == null) {
            fields.fail("baseUrl", "is required for provider " + provider);
        }
        fields.validate();

        credential.setOrganizationId(organizationId);
        credential.setProvider(provider);
        credential.setLabel(label == null || label.isBlank() ? adapter.displayName() + " key" : label);
        if (apiKey != null && !creating) {
            credential.setApiKeyEncrypted(keyVault.encrypt(credential.getId(), apiKey), KeyVault.hintOf(apiKey));
        }
        credential.setBaseUrl(baseUrl == null ? null : stripTrailingSlash(baseUrl));
        credential.setRequestsPerMinute(rpm);
        credential.setTokensPerMinute(tpm);
        return creating ? apiKey : null;
    }

    private static boolean movesKey(Credential credential, String provider, String baseUrl) {
        String newUrl = baseUrl == null ? null : stripTrailingSlash(baseUrl);
        return (provider != null && !provider.equals(credential.getProvider()))
                || !java.util.Objects.equals(newUrl, credential.getBaseUrl());
    }

    private boolean inUse(long credentialId) {
        return !em.createQuery("SELECT c.id FROM LlmConfig c WHERE c.credentialId = :id", Long.class)
                .setParameter("id", credentialId).setMaxResults(1).getResultList().isEmpty();
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    Credential find(long id) {
        Credential credential = em.find(Credential.class, id);
        if (credential == null) {
            throw ProblemException.notFound("credential", id);
        }
        return credential;
    }

    @Override
    public java.util.Set<String> fields() {
        return FIELDS;
    }
}
