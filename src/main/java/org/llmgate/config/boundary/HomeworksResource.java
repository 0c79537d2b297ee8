package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.config.control.CrudService;
import org.llmgate.config.control.EffectiveConfig;
import org.llmgate.config.control.EffectiveConfigResolver;
import org.llmgate.config.control.HomeworkView;
import org.llmgate.config.control.Homeworks;

@Path("admin/homeworks")
public class HomeworksResource extends CrudResource<HomeworkView> {

    @Inject
    Homeworks service;
    @Inject
    EffectiveConfigResolver resolver;

    @Override
    protected CrudService<HomeworkView> service() {
        return service;
    }

    @Override
    protected String parentParameter() {
        return "courseId";
    }

    /** The config a chat for this homework uses, where it came from, and the chain the runtime walks. */
    @GET
    @Path("{id}/effective-config")
    public EffectiveConfig effectiveConfig(@PathParam("id") long id) {
        return resolver.resolve(new ChatTarget(ChatTarget.Kind.HOMEWORK, id)).effective();
    }
}
