package org.llmgate.providers;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Lenient JSON-P reads for provider payloads, whose optional fields come and go. The provider is
 * looked up once: {@code Json.createReader} would run a ServiceLoader lookup per SSE line.
 */
public final class JsonSupport {

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }

    public static JsonObjectBuilder objectBuilder() {
        return JSON.createObjectBuilder();
    }

    public static JsonArrayBuilder arrayBuilder() {
        return JSON.createArrayBuilder();
    }

    /** A streaming parser over {@code text}, for decoders that read a few fields of a large payload. */
    public static jakarta.json.stream.JsonParser parser(String text) {
        return JSON.createParser(new StringReader(text));
    }

    /** Parses a JSON object; anything else (invalid JSON, an array, a string) is a {@link JsonException}. */
    public static JsonObject parseObject(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new JsonException("expected a JSON object but got " + value.getValueType());
            }
            return value.asJsonObject();
        }
    }

    /** Like {@link #parseObject} but null for a blank or invalid text (error bodies may be HTML). */
    public static JsonObject parseObjectOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parseObject(text);
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    public static JsonObject object(JsonObject parent, String key) {
        JsonValue value = parent == null ? null : parent.get(key);
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
    }

    public static JsonArray array(JsonObject parent, String key) {
        JsonValue value = parent == null ? null : parent.get(key);
        return value != null && value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray() : null;
    }

    /** A string or number field as text, else null. */
    public static String string(JsonObject parent, String key) {
        JsonValue value = parent == null ? null : parent.get(key);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }

    /** A numeric (or numeric string) field, else null. */
    public static BigDecimal decimal(JsonObject parent, String key) {
        JsonValue value = parent == null ? null : parent.get(key);
        try {
            if (value instanceof JsonNumber n) {
                return n.bigDecimalValue();
            }
            if (value instanceof JsonString s && !s.getString().isBlank()) {
                return new BigDecimal(s.getString().strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    public static Integer integer(JsonObject parent, String key) {
        BigDecimal value = decimal(parent, key);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public static long longOrZero(JsonObject parent, String key) {
        BigDecimal value = decimal(parent, key);
        return value == null ? 0 : value.longValue();
    }

    public static boolean bool(JsonObject parent, String key) {
        JsonValue value = parent == null ? null : parent.get(key);
        return value == JsonValue.TRUE;
    }
}
