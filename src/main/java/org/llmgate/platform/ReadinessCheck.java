package org.llmgate.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code GET /health/ready} (Payara serves MicroProfile Health at the root of the HTTP port, not
 * under /llmgate): UP only when {@link Lifecycle} says llmgate can serve. Before the WAR is
 * deployed Payara itself answers DOWN ("No Application deployed"), so a poller never sees UP
 * early. Never throws: Payara turns a throwing check into a 500.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Background background;

    @Override
    public HealthCheckResponse call() {
        List<String> missing = lifecycle.notReady();
        boolean scheduling = background.running();
        return HealthCheckResponse.named("llmgate")
                .status(missing.isEmpty() && scheduling)
                .withData("waiting-for", missing.isEmpty() ? (scheduling ? "nothing" : "background scheduler stopped")
                        : String.join(", ", missing))
                .build();
    }
}
