package org.llmgate.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** REST lives under /llmgate/api (SPEC §1). */
@ApplicationPath("api")
public class RestApplication extends Application {

    /**
     * Jersey's WADL (application.wadl) would map the whole admin API for anyone who authenticates,
     * an integration token included; the API is documented in the README instead.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
