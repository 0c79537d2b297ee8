package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.llmgate.config.control.LlmConfigs;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.CrudService;

@Path("admin/llm-configs")
public class LlmConfigsResource extends CrudResource<LlmConfigView> {

    @Inject
    LlmConfigs service;

    @Override
    protected CrudService<LlmConfigView> service() {
        return service;
    }

    @Override
    protected String parentParameter() {
        return "organizationId";
    }
}
