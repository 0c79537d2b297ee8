package org.llmgate.observability;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/** JSON as block-style YAML, for the OpenAPI document's default format. Every string is quoted. */
final class Yaml {

    private Yaml() {
    }

    static String of(JsonValue value) {
        StringBuilder out = new StringBuilder(64 * 1024);
        write(out, value, 0);
        return out.substring(1);
    }

    private static void write(StringBuilder out, JsonValue value, int indent) {
        if (value instanceof JsonObject object) {
            if (object.isEmpty()) {
                out.append(" {}\n");
                return;
            }
            out.append('\n');
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                pad(out, indent).append(quoted(entry.getKey())).append(':');
                write(out, entry.getValue(), indent + 2);
            }
        } else if (value instanceof JsonArray array) {
            if (array.isEmpty()) {
                out.append(" []\n");
                return;
            }
            out.append('\n');
            for (JsonValue item : array) {
                // a nested object or array starts on the next line, one level deeper than its dash
                pad(out, indent).append("-");
                write(out, item, indent + 2);
            }
        } else if (value instanceof JsonString s) {
            out.append(' ').append(quoted(s.getString())).append('\n');
        } else {
            out.append(' ').append(value.toString()).append('\n');
        }
    }

    private static StringBuilder pad(StringBuilder out, int indent) {
        return out.append(" ".repeat(indent));
    }

    /** A JSON string is a valid YAML double-quoted scalar. */
    private static String quoted(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }
}
