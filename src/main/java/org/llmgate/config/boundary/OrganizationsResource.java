package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.llmgate.config.control.IntegrationTokens;
import org.llmgate.config.control.Organizations;
import org.llmgate.config.control.OrganizationView;
import org.llmgate.config.control.CrudService;

@Path("admin/organizations")
public class OrganizationsResource extends CrudResource<OrganizationView> {

    @Inject
    Organizations service;
    @Inject
    IntegrationTokens tokens;

    @Override
    protected CrudService<OrganizationView> service() {
        return service;
    }

    /** An integration token for an LMS: in this answer only, never again (stored hashed). */
    @POST
    @Path("{id}/tokens")
    public Response issueToken(@PathParam("id") long organizationId) {
        return Response.status(Response.Status.CREATED).entity(tokens.issue(organizationId)).build();
    }
}
