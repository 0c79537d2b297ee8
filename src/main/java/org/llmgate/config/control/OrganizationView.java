package org.llmgate.config.control;

import org.llmgate.config.entity.Organization;

/** An organization as the API shows it and the config cache holds it. */
public record OrganizationView(Long id, String name, Long llmConfigId) implements CrudService.Identified {

    public static OrganizationView of(Organization o) {
        return new OrganizationView(o.getId(), o.getName(), o.getLlmConfigId());
    }
}
