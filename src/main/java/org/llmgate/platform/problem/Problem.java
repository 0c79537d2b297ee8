package org.llmgate.platform.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** An RFC 9457 problem details body. {@code errors} names the offending fields, when there are any. */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem with no more than a status and what went wrong. */
    public static Problem of(int status, String detail) {
        return new Problem("about:blank", ProblemException.reasonOf(status), status, detail, null);
    }

    public record FieldError(String field, String message) {
    }
}
