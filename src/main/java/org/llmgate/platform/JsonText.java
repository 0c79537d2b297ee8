package org.llmgate.platform;

/**
 * Writes JSON string literals straight into a text being built. The per-token events are small
 * fixed shapes around one string, and building them with JSON-P's static {@code Json.createXxx}
 * cost a provider lookup per call (about 45 µs inside Payara, issue 16): four to eight of those per
 * token were most of llmgate's streaming overhead. The chat body sent upstream is written the same
 * way: building it as a JSON-P object and printing that took a tenth of a chat's upstream call.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string (RFC 8259 escaping); null becomes {@code null}. */
    public static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    public static String quoted(String value) {
        return string(new StringBuilder(value == null ? 4 : value.length() + 8), value).toString();
    }
}
