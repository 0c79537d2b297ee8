package org.llmgate.config.boundary;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.llmgate.config.control.CrudService;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;

/**
 * The REST shape of SPEC §8 for one admin resource: POST 201 with Location, PUT 200, DELETE 204,
 * GET list filtered by the parent's id when {@link #parentParameter()} is given.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class CrudResource<V extends CrudService.Identified> {

    protected abstract CrudService<V> service();

    /** The query parameter naming the parent to filter by, or null. */
    protected String parentParameter() {
        return null;
    }

    @GET
    public List<V> list(@Context UriInfo uri) {
        Long parentId = null;
        String name = parentParameter();
        String value = name == null ? null : uri.getQueryParameters().getFirst(name);
        if (value != null) {
            try {
                parentId = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField(name, "must be a whole number");
            }
        }
        return service().list(parentId);
    }

    @GET
    @Path("{id}")
    public V get(@PathParam("id") long id) {
        return service().get(id);
    }

    @POST
    public Response create(String body, @Context UriInfo uri) {
        V created = service().create(JsonFields.parse(body).allowOnly(service().fields()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @PUT
    @Path("{id}")
    public V update(@PathParam("id") long id, String body) {
        return service().update(id, JsonFields.parse(body).allowOnly(service().fields()));
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") long id) {
        service().delete(id);
    }
}
