package org.llmgate.config.control;

import jakarta.persistence.EntityManager;
import org.llmgate.config.entity.LlmConfig;
import org.llmgate.platform.JsonFields;

/** Checks that a referenced config exists and belongs to the same organization. */
final class Assignments {

    private Assignments() {
    }

    static void checkConfig(EntityManager em, JsonFields fields, String field, Long configId, Long organizationId) {
        if (configId == null || organizationId == null) {
            return;
        }
        LlmConfig config = em.find(LlmConfig.class, configId);
        if (config == null) {
            fields.fail(field, "llm-config " + configId + " does not exist");
        } else if (!config.getOrganizationId().equals(organizationId)) {
            fields.fail(field, "llm-config " + configId + " belongs to another organization");
        }
    }
}
