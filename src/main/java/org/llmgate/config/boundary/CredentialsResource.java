package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.llmgate.config.control.Credentials;
import org.llmgate.config.control.CredentialView;
import org.llmgate.config.control.CrudService;

@Path("admin/credentials")
public class CredentialsResource extends CrudResource<CredentialView> {

    @Inject
    Credentials service;

    @Override
    protected CrudService<CredentialView> service() {
        return service;
    }

    @Override
    protected String parentParameter() {
        return "organizationId";
    }
}
