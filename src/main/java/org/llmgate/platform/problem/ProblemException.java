package org.llmgate.platform.problem;

import jakarta.ejb.ApplicationException;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * Thrown by resources and services for every refusal a client can fix; mapped to problem details.
 * Its message is shown to the client, so it never carries a key. An application exception for the
 * EJB services: it reaches the caller as thrown (not wrapped) and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail, List.of());
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "Invalid input", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist", List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), errors.isEmpty() ? null : errors);
    }

    public int status() {
        return status;
    }

    static String reasonOf(int status) {
        Status known = Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
