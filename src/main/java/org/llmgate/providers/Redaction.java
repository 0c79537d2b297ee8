package org.llmgate.providers;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes API keys and tokens from text that came from a provider or a transport exception
 * before it is stored, logged or shown (SPEC §10: never an API key in a response, a log line or
 * an error message). Providers echo keys in their errors, e.g. OpenAI's
 * "Incorrect API key provided: sk-abc***xyz".
 *
 * <p>Unlike error classification, the key shapes of all providers stay together here: any text may
 * carry any provider's key (OpenRouter and compatible proxies relay the routed provider's answer,
 * a transport exception quotes whatever it saw), so every text is scrubbed of all of them.
 */
public final class Redaction {

    public static final String MASK = "[redacted]";
    public static final int MAX_LENGTH = 300;

    private static final List<Pattern> SECRET_PATTERNS = List.of(
            // Bearer / Basic credentials in echoed headers
            Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=*\\-]{4,}"),
            // key=value or "api_key": "value" shapes
            Pattern.compile("(?i)\\b(api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|password)\\b(\\s*[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;&]+"),
            // provider key prefixes, also partly masked echoes: sk-..., sk-ant-..., sk-or-v1-..., sk-proj-...
            Pattern.compile("\\bsk-[A-Za-z0-9_\\-*]{2,}"),
            // any token someone already masked with *** still carries real key characters
            Pattern.compile("[A-Za-z0-9_\\-]*\\*{3,}[A-Za-z0-9_\\-]*"),
            // JWTs
            Pattern.compile("\\beyJ[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+"),
            // long hex runs (OpenRouter key bodies, hashes of keys)
            Pattern.compile("\\b[A-Fa-f0-9]{32,}\\b"));

    /** A 20+ character run of key characters; redacted only when it mixes cases and digits (model ids don't). */
    private static final Pattern KEYISH_RUN = Pattern.compile("[A-Za-z0-9_\\-]{20,}");

    private Redaction() {
    }

    /**
     * Redacts keys, bearer tokens and key-like runs, plus every known secret verbatim, and truncates
     * to {@value #MAX_LENGTH} characters. Null gives an empty string.
     */
    public static String redact(String text, String... knownSecrets) {
        if (text == null) {
            return "";
        }
        String result = text;
        if (knownSecrets != null) {
            for (String secret : knownSecrets) {
                if (secret != null && secret.strip().length() >= 4) {
                    result = result.replace(secret.strip(), MASK);
                }
            }
        }
        for (Pattern pattern : SECRET_PATTERNS) {
            result = replaceKeepingName(pattern, result);
        }
        result = redactKeyishRuns(result);
        result = result.replaceAll("[\\r\\n\\t]+", " ").strip();
        return truncate(result);
    }

    private static String replaceKeepingName(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.groupCount() >= 2 && m.group(2) != null) {
                replacement = m.group(1) + m.group(2) + MASK;
            } else if (m.groupCount() == 1 && m.group(1) != null) {
                replacement = m.group(1) + " " + MASK;
            } else {
                replacement = MASK;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String redactKeyishRuns(String text) {
        Matcher m = KEYISH_RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(looksLikeSecret(run) ? MASK : run));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean looksLikeSecret(String run) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return upper && lower && digit;
    }

    private static String truncate(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
