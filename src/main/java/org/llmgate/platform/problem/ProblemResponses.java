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
        return of(Problem.of(status, detail));
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
