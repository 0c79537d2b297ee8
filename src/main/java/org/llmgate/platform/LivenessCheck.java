package org.llmgate.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code GET /health/live}: DOWN only for what a restart fixes. A dead background scheduler is
 * such a state (attempts, breakers and hints would silently stop being written); a database
 * outage is not (restarting does not bring PostgreSQL back), so it does not count here.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    Background background;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("llmgate").status(background.running()).build();
    }
}
