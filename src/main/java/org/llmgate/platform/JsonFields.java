package org.llmgate.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.llmgate.platform.problem.Problem.FieldError;
import org.llmgate.platform.problem.ProblemException;

/**
 * Reads a request body field by field, collecting every problem so the client learns all of them
 * in one 400. Types are checked strictly: "5" is not a number and 5 is not a string.
 */
public final class JsonFields {

    /** Looked up once: each static {@code Json.createReader} repeats a ServiceLoader scan (issue 16). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject json;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonFields(JsonObject json) {
        this.json = json;
    }

    public static JsonFields parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("A JSON object body is required");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.badRequest("The body must be a JSON object");
            }
            return new JsonFields(value.asJsonObject());
        } catch (JsonException e) {
            throw ProblemException.badRequest("The request body is not valid JSON");
        }
    }

    public JsonObject json() {
        return json;
    }

    public boolean has(String name) {
        return json.containsKey(name) && json.get(name).getValueType() != JsonValue.ValueType.NULL;
    }

    public String requiredString(String name, int maxLength) {
        if (!has(name)) {
            fail(name, "is required");
            return null;
        }
        String value = optionalString(name, maxLength);
        if (value != null && value.isBlank()) {
            fail(name, "must not be blank");
        }
        return value;
    }

    public String optionalString(String name, int maxLength) {
        JsonValue value = present(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            fail(name, "must be a string");
            return null;
        }
        if (s.getString().length() > maxLength) {
            fail(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return s.getString().strip();
    }

    public Long requiredId(String name) {
        if (!has(name)) {
            fail(name, "is required");
            return null;
        }
        return optionalId(name);
    }

    public Long optionalId(String name) {
        Long value = optionalLong(name, 1, Long.MAX_VALUE);
        return value;
    }

    public Integer optionalInt(String name, int min, int max) {
        Long value = optionalLong(name, min, max);
        return value == null ? null : value.intValue();
    }

    public Double optionalDouble(String name, double min, double max) {
        JsonValue value = present(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber n)) {
            fail(name, "must be a number");
            return null;
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            fail(name, "must be between " + min + " and " + max);
            return null;
        }
        return d;
    }

    public BigDecimal optionalDecimal(String name, BigDecimal min, BigDecimal max) {
        JsonValue value = present(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber n)) {
            fail(name, "must be a number");
            return null;
        }
        BigDecimal d = n.bigDecimalValue();
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            fail(name, "must be between " + min + " and " + max);
            return null;
        }
        return d;
    }

    private Long optionalLong(String name, long min, long max) {
        JsonValue value = present(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            fail(name, "must be a whole number");
            return null;
        }
        long l;
        try {
            l = n.bigIntegerValueExact().longValueExact();
        } catch (ArithmeticException e) {
            fail(name, "is out of range");
            return null;
        }
        if (l < min || l > max) {
            fail(name, "must be between " + min + " and " + max);
            return null;
        }
        return l;
    }

    public void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws the collected problems as one 400, if there are any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private JsonValue present(String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}
