package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.llmgate.config.control.IntegrationTokens;

/** Revokes integration tokens; they are issued under their organization. */
@Path("admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @Inject
    IntegrationTokens tokens;

    @DELETE
    @Path("{id}")
    public void revoke(@PathParam("id") long tokenId) {
        tokens.revoke(tokenId);
    }
}
