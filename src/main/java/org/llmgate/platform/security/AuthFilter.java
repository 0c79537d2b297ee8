package org.llmgate.platform.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.llmgate.platform.problem.ProblemResponses;

/**
 * Authenticates every REST call: HTTP Basic for the admin, Bearer for integration tokens, and the
 * admin screens' session with its CSRF header (see {@link AdminSession}). Admin
 * paths take the admin only; runtime paths (chat) take either. Pre-matching, so an anonymous call
 * gets 401 even for a path that does not exist.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

    @Inject
    AdminAccount adminAccount;
    @Inject
    BearerTokens tokens;
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller;
        try {
            caller = authenticate(authorization);
        } catch (Throttled e) {
            request.abortWith(Response.fromResponse(ProblemResponses.of(429,
                            "Too many failed sign-ins: try again in " + e.retryAfterSeconds + " s"))
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds).build());
            return;
        }
        if (caller.isEmpty() && request.getHeaderString(AdminSession.CSRF_HEADER) != null) {
            // a page whose session expired: no Basic challenge, the browser would pop up a password dialog
            request.abortWith(ProblemResponses.of(401, "Your session has ended: sign in again"));
            return;
        }
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(ProblemResponses.of(401, "Authentication required"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"llmgate\"").build());
            return;
        }
        String path = request.getUriInfo().getPath();
        if (!caller.get().admin() && (path.startsWith("admin") || path.startsWith("/admin"))) {
            request.abortWith(ProblemResponses.of(403, "Integration tokens reach the chat endpoints only"));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller.get(), secure));
    }

    private Optional<Caller> authenticate(String authorization) {
        if (authorization == null) {
            return servletRequest == null ? Optional.empty() : AdminSession.fromScreens(servletRequest);
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<BasicCredentials> basic = BasicCredentials.parse(authorization);
            if (basic.isEmpty()) {
                return Optional.empty();
            }
            LoginVerdict verdict = adminAccount.verify(basic.get().username(), basic.get().password(), clientAddress());
            if (verdict.throttled()) {
                throw new Throttled(verdict.retryAfterSeconds());
            }
            return verdict.accepted() ? Optional.of(Caller.admin(basic.get().username())) : Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.authenticate(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private String clientAddress() {
        return servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
    }

    /** Too many failed sign-ins: answered 429 before any password is hashed. */
    private static final class Throttled extends RuntimeException {
        final long retryAfterSeconds;

        Throttled(long retryAfterSeconds) {
            super(null, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private record CallerContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return "admin".equals(role) ? caller.admin() : "integration".equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return caller.admin() ? BASIC_AUTH : "Bearer";
        }
    }
}
