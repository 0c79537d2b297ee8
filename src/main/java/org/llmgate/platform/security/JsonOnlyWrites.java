package org.llmgate.platform.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.llmgate.platform.problem.ProblemResponses;

/**
 * State-changing REST calls take JSON only (SPEC §10 Security): 415 for any other content type.
 * A cross-site HTML form can only send form, multipart or text/plain bodies, and browsers replay
 * cached Basic credentials with it, so this is what keeps another site from acknowledging a
 * dead-key alert or clearing a hint in the admin's name. A call without a body and without a
 * content type (curl -X POST …/ack) is not a form and passes.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class JsonOnlyWrites implements ContainerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod())) {
            return;
        }
        String contentType = request.getHeaderString("Content-Type");
        if (contentType == null ? hasBody(request) : !isJson(contentType)) {
            request.abortWith(ProblemResponses.of(415, "Send the body as application/json"));
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }

    static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.getType().equalsIgnoreCase("application")
                    && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
