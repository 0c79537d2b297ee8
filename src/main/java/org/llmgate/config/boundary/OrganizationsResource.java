package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.llmgate.config.control.Organizations;
import org.llmgate.config.control.OrganizationView;
import org.llmgate.config.control.CrudService;

@Path("admin/organizations")
public class OrganizationsResource extends CrudResource<OrganizationView> {

    @Inject
    Organizations service;

    @Override
    protected CrudService<OrganizationView> service() {
        return service;
    }
}
