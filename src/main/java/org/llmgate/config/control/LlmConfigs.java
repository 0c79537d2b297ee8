package org.llmgate.config.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.llmgate.config.entity.Credential;
import org.llmgate.config.entity.LlmConfig;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.ProviderRegistry;

@Stateless
@LocalBean
public class LlmConfigs implements CrudService<LlmConfigView> {

    private static final java.util.Set<String> FIELDS = JsonFields.fieldsOf(LlmConfigView.class);

    private static final BigDecimal MAX_PRICE = new BigDecimal("100000000");
    /** First key of the advisory lock that serializes cycle checks; the second is the organization. */
    private static final int CYCLE_LOCK_CLASS = 0x11A7;

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigChanges changes;
    @Inject
    ProviderRegistry providers;
    @Inject
    ModelCatalog catalog;

    public List<LlmConfigView> list(Long organizationId) {
        return Listing.of(em, LlmConfig.class, "organizationId", organizationId, LlmConfigView::of);
    }

    public LlmConfigView get(long id) {
        return LlmConfigView.of(find(id));
    }

    public LlmConfigView create(JsonFields fields) {
        LlmConfig config = new LlmConfig();
        apply(config, fields);
        em.persist(config);
        changes.record("llm-config");
        return LlmConfigView.of(config);
    }

    public LlmConfigView update(long id, JsonFields fields) {
        LlmConfig config = find(id);
        apply(config, fields);
        changes.record("llm-config");
        return LlmConfigView.of(config);
    }

    public void delete(long id) {
        em.remove(find(id));
        changes.record("llm-config");
    }

    private void apply(LlmConfig config, JsonFields fields) {
        Long organizationId = fields.requiredId("organizationId");
        String name = fields.requiredString("name", 200);
        String provider = fields.requiredString("provider", 40);
        Long credentialId = fields.requiredId("credentialId");
        String model = fields.requiredString("model", 300);
        Long fallbackId = fields.optionalId("fallbackConfigId");
        Double temperature = fields.optionalDouble("temperature", 0, 2);
        Integer maxOutputTokens = fields.optionalInt("maxOutputTokens", 1, 10_000_000);
        BigDecimal inputPrice = fields.optionalDecimal("inputCentsPerMillion", BigDecimal.ZERO, MAX_PRICE);
        BigDecimal outputPrice = fields.optionalDecimal("outputCentsPerMillion", BigDecimal.ZERO, MAX_PRICE);
        Integer contextWindow = fields.optionalInt("contextWindow", 1, 1_000_000_000);

        if (organizationId != null && em.find(Organization.class, organizationId) == null) {
            fields.fail("organizationId", "organization " + organizationId + " does not exist");
            organizationId = null;
        } else if (config.getId() != null && organizationId != null && !organizationId.equals(config.getOrganizationId())) {
            fields.fail("organizationId", "an llm-config cannot move to another organization");
        }
        if (provider != null && providers.find(provider).isEmpty()) {
            fields.fail("provider", "unknown provider '" + provider + "' (GET /api/admin/llm-providers lists them)");
        }
        Credential credential = credentialId == null ? null : em.find(Credential.class, credentialId);
        if (credentialId != null && credential == null) {
            fields.fail("credentialId", "credential " + credentialId + " does not exist");
        } else if (credential != null && organizationId != null && !credential.getOrganizationId().equals(organizationId)) {
            fields.fail("credentialId", "credential " + credentialId + " belongs to another organization");
        } else if (credential != null && provider != null && !credential.getProvider().equals(provider)) {
            fields.fail("credentialId", "credential " + credentialId + " is for provider " + credential.getProvider());
        }
        boolean itself = fallbackId != null && fallbackId.equals(config.getId());
        if (!itself) {
            Assignments.checkConfig(em, fields, "fallbackConfigId", fallbackId, organizationId);
        }
        fields.validate();
        if (itself) {
            // SPEC §3: naming itself is the shortest cycle, refused like any other
            throw ProblemException.conflict("llm-config " + fallbackId + " cannot fall back to itself: fallback chains cannot form a cycle");
        }
        if (fallbackId != null && config.getId() != null) {
            refuseCycle(organizationId, config.getId(), fallbackId);
        }
        // SPEC §5 needs pricing and context window: what the admin left empty comes from the catalog
        CatalogModel listed = catalog.find(credential, model);
        if (listed != null) {
            inputPrice = inputPrice != null ? inputPrice : listed.inputCentsPerMillion();
            outputPrice = outputPrice != null ? outputPrice : listed.outputCentsPerMillion();
            contextWindow = contextWindow != null ? contextWindow : listed.contextWindow();
        }

        config.setOrganizationId(organizationId);
        config.setName(name);
        config.setProvider(provider);
        config.setCredentialId(credentialId);
        config.setModel(model);
        config.setFallbackConfigId(fallbackId);
        config.setTemperature(temperature);
        config.setMaxOutputTokens(maxOutputTokens);
        config.setInputCentsPerMillion(inputPrice);
        config.setOutputCentsPerMillion(outputPrice);
        config.setContextWindow(contextWindow);
    }

    /**
     * Walks the proposed fallback's own chain; reaching the config being saved closes a cycle (SPEC §3).
     * Serialized per organization by a transaction-level advisory lock, held until commit: two
     * concurrent saves A→B and B→A would otherwise each see the other's old chain and both pass, on
     * one instance or across a cluster. The chain is read from the database, not the entity cache,
     * which may not hold another instance's commit yet.
     */
    private void refuseCycle(long organizationId, long configId, long fallbackId) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + CYCLE_LOCK_CLASS + ", ?1)")
                .setParameter(1, (int) (organizationId ^ (organizationId >>> 32)))
                .getResultList();
        List<Long> path = FallbackChain.pathFrom(fallbackId, configId, id -> {
            List<?> hop = em.createNativeQuery("SELECT fallback_llm_config_id FROM llm_configs WHERE id = ?1")
                    .setParameter(1, id).getResultList();
            return hop.isEmpty() || hop.get(0) == null ? null : ((Number) hop.get(0)).longValue();
        });
        if (path.get(path.size() - 1) == configId) {
            throw ProblemException.conflict("fallback " + fallbackId + " leads back to llm-config " + configId
                    + ": fallback chains cannot form a cycle");
        }
    }

    LlmConfig find(long id) {
        LlmConfig config = em.find(LlmConfig.class, id);
        if (config == null) {
            throw ProblemException.notFound("llm-config", id);
        }
        return config;
    }

    @Override
    public java.util.Set<String> fields() {
        return FIELDS;
    }
}
