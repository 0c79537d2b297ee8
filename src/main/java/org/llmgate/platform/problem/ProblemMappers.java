package org.llmgate.platform.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves as problem details (SPEC §8). Unexpected failures get a 500 whose body says
 * nothing internal; the log keeps the stack trace (messages in this code base never hold keys).
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class ForProblems implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return ProblemResponses.of(e);
        }
    }

    /** JAX-RS' own refusals: 404 unknown path, 405, 406, 415, and body parsing failures. */
    @Provider
    public static class ForWebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "Request failed", e);
                return ProblemResponses.of(status, "The server could not handle the request");
            }
            String detail = bodyProblem(e) ? "The request body is not valid JSON of the expected shape"
                    : ProblemException.reasonOf(status);
            Response.ResponseBuilder builder = Response.fromResponse(ProblemResponses.of(status, detail));
            e.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }

        private static boolean bodyProblem(WebApplicationException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof JsonException || t instanceof JsonbException || t instanceof ProcessingException) {
                    return true;
                }
            }
            return false;
        }
    }

    @Provider
    public static class ForJsonParsing implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return ProblemResponses.of(400, "The request body is not valid JSON");
        }
    }

    @Provider
    public static class ForJsonBinding implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return ProblemResponses.of(400, "The request body is not valid JSON of the expected shape");
        }
    }

    @Provider
    public static class ForProcessing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            ProblemException problem = ForEverythingElse.unwrapProblem(e);
            return problem != null ? ProblemResponses.of(problem)
                    : ProblemResponses.of(400, "The request body could not be read");
        }
    }

    @Provider
    public static class ForPersistence implements ExceptionMapper<PersistenceException> {
        @Override
        public Response toResponse(PersistenceException e) {
            // a violated constraint (SQLState class 23) is the client's conflict; anything else is ours
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                    LOG.log(Level.FINE, "Database refused a change", e);
                    return ProblemResponses.of(409, "The change conflicts with existing data");
                }
            }
            LOG.log(Level.SEVERE, "Database operation failed", e);
            return ProblemResponses.of(503, "The database is not available right now");
        }
    }

    @Provider
    public static class ForEverythingElse implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return ProblemResponses.of(problemFor(e));
        }

        /** The problem an unexpected failure is answered with; logged here, since its body says nothing internal. */
        public static Problem problemFor(Throwable e) {
            ProblemException problem = unwrapProblem(e);
            if (problem != null) {
                return problem.toProblem();
            }
            if (databaseDown(e)) {
                // SPEC §10 "Faults": during an outage admin calls get a clean 503, not a 500
                LOG.log(Level.WARNING, "Database unavailable: " + e.getMessage());
                return Problem.of(503, "The database is not available right now");
            }
            LOG.log(Level.SEVERE, "Request failed", e);
            return Problem.of(500, "The server could not handle the request");
        }

        private static boolean databaseDown(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException) {
                    return org.llmgate.platform.persistence.DatabaseFailure.isUnavailable(t);
                }
            }
            return false;
        }

        /** EJB and CDI interceptors wrap what a service threw; the client should still see it. */
        static ProblemException unwrapProblem(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ProblemException p) {
                    return p;
                }
            }
            return null;
        }
    }
}
