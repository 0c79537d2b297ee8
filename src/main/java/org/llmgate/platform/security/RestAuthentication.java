package org.llmgate.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who calls the REST API: HTTP Basic for the admin, Bearer for integration tokens, and the admin
 * screens' session with its CSRF header (see {@link AdminSession}). One decision for the JAX-RS
 * routes ({@link AuthFilter}) and the chat servlets, which answer without JAX-RS (issue 16).
 */
@ApplicationScoped
public class RestAuthentication {

    private static final SignIn.Refused SESSION_ENDED = new SignIn.Refused(401, "Your session has ended: sign in again", null, null);
    private static final SignIn.Refused REQUIRED = new SignIn.Refused(401, "Authentication required",
            "WWW-Authenticate", "Basic realm=\"llmgate\"");

    @Inject
    AdminAccount adminAccount;
    @Inject
    BearerTokens tokens;

    /** @param request the servlet request, for the screens' session and the client's address; may be null */
    public SignIn authenticate(String authorization, String csrfHeader, HttpServletRequest request) {
        Optional<Caller> caller;
        if (authorization == null) {
            caller = request == null ? Optional.empty() : AdminSession.fromScreens(request);
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
            LoginVerdict verdict = basic.isEmpty() ? null : adminAccount.verify(basic.get().username(),
                    basic.get().password(), request == null ? "unknown" : request.getRemoteAddr());
            if (verdict != null && verdict.throttled()) {
                // answered before any password is hashed
                return new SignIn.Refused(429, "Too many failed sign-ins: try again in " + verdict.retryAfterSeconds() + " s",
                        "Retry-After", String.valueOf(verdict.retryAfterSeconds()));
            }
            caller = verdict != null && verdict.accepted() ? Optional.of(Caller.admin(basic.get().username())) : Optional.empty();
        } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = tokens.authenticate(authorization.substring(7).trim());
        } else {
            caller = Optional.empty();
        }
        if (caller.isPresent()) {
            return new SignIn.Accepted(caller.get());
        }
        return csrfHeader != null ? SESSION_ENDED : REQUIRED;
    }
}
