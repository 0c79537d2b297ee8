package org.llmgate.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST lives under /llmgate/api (SPEC §1). */
@ApplicationPath("api")
public class RestApplication extends Application {
}
