package org.llmgate.platform.problem;

import jakarta.ws.rs.core.Response;

/** Builds problem+json responses, for mappers and filters alike. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(ProblemException e) {
        return of(e.toProblem());
    }

    public static Response of(int status, String detail) {
        return of(new Problem("about:blank", ProblemException.reasonOf(status), status, detail, null));
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
