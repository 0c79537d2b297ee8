package org.llmgate.web;

import java.util.Locale;

/**
 * Which requests the screens' filter lets through without a session (SPEC §10 Security). An
 * allow-list on the path the container actually dispatches (servlet path + path info, decoded and
 * normalised), never a suffix match on the raw URI: {@code /credentials.xhtml;x=1} and
 * {@code /jakarta.faces.resource/../health.xhtml} both reach the Faces servlet as pages.
 * A raw URI with path parameters, encoded dots, slashes or backslashes, dot segments or empty
 * segments is never public, whatever it normalises to.
 */
final class ScreenPaths {

    enum Access {
        /** The REST API (AuthFilter, and the chat servlets under /api/), metrics and OpenAPI (OperatorAccess) authenticate every call themselves. */
        SELF_AUTHENTICATING,
        /** The login page and static resources. */
        PUBLIC,
        /** Everything else: a signed-in session or the login page. */
        SIGNED_IN
    }

    static final String LOGIN_PAGE = "/login.xhtml";
    private static final String RESOURCES = "/jakarta.faces.resource/";
    private static final java.util.Set<String> SELF_AUTHENTICATING_SERVLETS = java.util.Set.of("/api", "/metrics", "/openapi");

    private ScreenPaths() {
    }

    /**
     * @param rawPath     the request URI after the context path, as sent (still encoded)
     * @param servletPath the container's servlet path
     * @param pathInfo    the container's path info, or null
     */
    static Access classify(String rawPath, String servletPath, String pathInfo) {
        if (SELF_AUTHENTICATING_SERVLETS.contains(servletPath) || servletPath.startsWith("/api/")) {
            return Access.SELF_AUTHENTICATING;
        }
        if (unusualSpelling(rawPath)) {
            return Access.SIGNED_IN;
        }
        String path = servletPath + (pathInfo == null ? "" : pathInfo);
        if (!path.equals(rawPath)) {
            // what was sent is not what is served (a decoded character): not public
            return Access.SIGNED_IN;
        }
        if (path.equals(LOGIN_PAGE) || (path.startsWith(RESOURCES) && path.length() > RESOURCES.length())) {
            return Access.PUBLIC;
        }
        return Access.SIGNED_IN;
    }

    /** A spelling no link of llmgate produces: refused even to a signed-in admin. */
    static boolean unusualSpelling(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.indexOf(';') >= 0 || lower.indexOf('\\') >= 0 || lower.contains("%2e") || lower.contains("%2f")
                || lower.contains("%5c") || lower.contains("%00") || lower.contains("//")
                || lower.contains("/./") || lower.contains("/../") || lower.endsWith("/.") || lower.endsWith("/..");
    }
}
