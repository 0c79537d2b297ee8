package org.llmgate.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.llmgate.platform.problem.Problem;
import org.llmgate.platform.problem.ServletProblems;
import org.llmgate.platform.security.AdminAccount;
import org.llmgate.platform.security.BasicCredentials;
import org.llmgate.platform.security.LoginVerdict;
import org.llmgate.platform.security.Passwords;

/**
 * Who may read /llmgate/metrics and /llmgate/openapi (SPEC §12): the admin with Basic always; a
 * scraper with LLMGATE_METRICS_TOKEN (metrics only); an integration token (the OpenAPI only, 403 on
 * metrics). Failed Basic sign-ins count towards the same throttle as every other admin sign-in.
 */
@ApplicationScoped
public class OperatorAccess {

    enum Caller { ADMIN, SCRAPER, INTEGRATION, NONE }

    @Inject
    AdminAccount adminAccount;
    @Inject
    org.llmgate.platform.security.BearerTokens tokens;
    @Inject
    @ConfigProperty(name = "llmgate.metrics.token")
    Optional<String> metricsToken;

    /** The caller, or empty when the answer (401 or 429) was already sent. */
    Optional<Caller> identify(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (metricsToken.filter(t -> !t.isBlank()).map(t -> Passwords.constantTimeEquals(t, token)).orElse(false)) {
                return Optional.of(Caller.SCRAPER);
            }
            if (tokens.authenticate(token).isPresent()) {
                return Optional.of(Caller.INTEGRATION);
            }
        } else {
            Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
            if (basic.isPresent()) {
                LoginVerdict verdict = adminAccount.verify(basic.get().username(), basic.get().password(), request.getRemoteAddr());
                if (verdict.throttled()) {
                    response.setHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
                    problem(response, 429, "Too many failed sign-ins: try again in " + verdict.retryAfterSeconds() + " s");
                    return Optional.empty();
                }
                if (verdict.accepted()) {
                    return Optional.of(Caller.ADMIN);
                }
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"llmgate\"");
        problem(response, 401, "Authentication required");
        return Optional.empty();
    }

    static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        ServletProblems.send(response, Problem.of(status, detail), null, null);
    }
}
