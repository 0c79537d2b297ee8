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
import org.llmgate.platform.problem.ProblemResponses;

/**
 * Authenticates every JAX-RS call ({@link RestAuthentication}). Admin paths take the admin only;
 * the rest take either. Pre-matching, so an anonymous call gets 401 even for a path that does not
 * exist. The chat endpoints are servlets and ask {@link RestAuthentication} themselves.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {

    @Inject
    RestAuthentication authentication;
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        SignIn signIn = authentication.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                request.getHeaderString(AdminSession.CSRF_HEADER), servletRequest);
        if (signIn instanceof SignIn.Refused refused) {
            Response.ResponseBuilder answer = Response.fromResponse(ProblemResponses.of(refused.status(), refused.detail()));
            if (refused.header() != null) {
                answer.header(refused.header(), refused.headerValue());
            }
            request.abortWith(answer.build());
            return;
        }
        Caller caller = ((SignIn.Accepted) signIn).caller();
        String path = request.getUriInfo().getPath();
        if (!caller.admin() && (path.startsWith("admin") || path.startsWith("/admin"))) {
            request.abortWith(ProblemResponses.of(403, "Integration tokens reach the chat endpoints only"));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller, secure));
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
