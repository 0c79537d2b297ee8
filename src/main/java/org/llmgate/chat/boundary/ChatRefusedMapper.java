package org.llmgate.chat.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.llmgate.chat.control.ChatRefused;
import org.llmgate.platform.problem.ProblemResponses;

/** A refused chat is a problem like any other, plus the Retry-After header (RFC 9110 §10.2.3). */
@Provider
public class ChatRefusedMapper implements ExceptionMapper<ChatRefused> {

    @Override
    public Response toResponse(ChatRefused e) {
        return Response.fromResponse(ProblemResponses.of(e))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }
}
