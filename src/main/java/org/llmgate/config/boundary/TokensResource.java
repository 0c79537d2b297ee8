package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.llmgate.config.control.IntegrationTokens;

/** Integration tokens for LMSs: the token is in the creation answer only, never again. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @Inject
    IntegrationTokens tokens;

    @POST
    @Path("organizations/{id}/tokens")
    public Response issue(@PathParam("id") long organizationId) {
        return Response.status(Response.Status.CREATED).entity(tokens.issue(organizationId)).build();
    }

    @DELETE
    @Path("tokens/{id}")
    public void revoke(@PathParam("id") long tokenId) {
        tokens.revoke(tokenId);
    }
}
