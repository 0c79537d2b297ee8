package org.llmgate.config.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;

@Stateless
@LocalBean
public class Organizations implements CrudService<OrganizationView> {

    private static final java.util.Set<String> FIELDS = JsonFields.fieldsOf(OrganizationView.class);

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigChanges changes;

    @Override
    public List<OrganizationView> list(Long unused) {
        return em.createQuery("SELECT o FROM Organization o ORDER BY o.id", Organization.class)
                .getResultStream().map(OrganizationView::of).toList();
    }

    public OrganizationView get(long id) {
        return OrganizationView.of(find(id));
    }

    public OrganizationView create(JsonFields fields) {
        Organization organization = new Organization();
        String name = fields.requiredString("name", 200);
        if (fields.has("llmConfigId")) {
            fields.fail("llmConfigId", "a new organization has no configs yet: assign one after creating it");
        }
        fields.validate();
        organization.setName(name);
        em.persist(organization);
        changes.record("organization");
        return OrganizationView.of(organization);
    }

    public OrganizationView update(long id, JsonFields fields) {
        Organization organization = find(id);
        String name = fields.requiredString("name", 200);
        Long configId = fields.optionalId("llmConfigId");
        Assignments.checkConfig(em, fields, "llmConfigId", configId, id);
        fields.validate();
        organization.setName(name);
        organization.setLlmConfigId(configId);
        changes.record("organization");
        return OrganizationView.of(organization);
    }

    public void delete(long id) {
        // llm_configs reference organizations too; break the org -> config edge before the cascade
        Organization organization = find(id);
        organization.setLlmConfigId(null);
        em.flush();
        em.createQuery("UPDATE LlmConfig c SET c.fallbackConfigId = NULL WHERE c.organizationId = :id")
                .setParameter("id", id).executeUpdate();
        em.createQuery("DELETE FROM LlmConfig c WHERE c.organizationId = :id").setParameter("id", id).executeUpdate();
        em.remove(organization);
        changes.record("organization");
    }

    Organization find(long id) {
        Organization organization = em.find(Organization.class, id);
        if (organization == null) {
            throw ProblemException.notFound("organization", id);
        }
        return organization;
    }

    @Override
    public java.util.Set<String> fields() {
        return FIELDS;
    }
}
