package org.llmgate.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The admin signed in through the screens' login form (SPEC §8: form login for the screens). The
 * session also carries a CSRF token: the pages' own calls to /api (playground stream, catalog) must
 * echo it in {@link #CSRF_HEADER}, which a cross-site form or image cannot do.
 */
public final class AdminSession {

    public static final String CSRF_HEADER = "X-Llmgate-Csrf";
    private static final String USER = "llmgate.admin";
    private static final String CSRF = "llmgate.csrf";

    private AdminSession() {
    }

    /** Marks the request's session as the admin's, under a new session id (no fixation). */
    public static void signIn(HttpServletRequest request, HttpServletResponse response, String username) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(USER, username);
        session.setAttribute(CSRF, Passwords.randomToken(24));
        response.setHeader("Set-Cookie", sessionCookie(request, session.getId()));
    }

    /**
     * The session cookie, written by hand: Payara 6 does not send web.xml's SameSite attribute, and
     * sessions exist only from here on (the login page is stateless), so this is the one place a
     * session cookie is set. Secure when the request came over HTTPS (or a proxy said so, which
     * Payara reflects in isSecure()).
     */
    static String sessionCookie(HttpServletRequest request, String sessionId) {
        String name = request.getServletContext().getSessionCookieConfig().getName();
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return (name == null ? "JSESSIONID" : name) + "=" + sessionId + "; Path=" + path
                + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : "");
    }

    public static Optional<String> admin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(USER));
    }

    public static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? "" : String.valueOf(session.getAttribute(CSRF));
    }

    /** The signed-in admin, when the request also carries the session's CSRF token. */
    public static Optional<Caller> fromScreens(HttpServletRequest request) {
        Optional<String> admin = admin(request);
        String sent = request.getHeader(CSRF_HEADER);
        if (admin.isEmpty() || sent == null || !Passwords.constantTimeEquals(sent, csrfToken(request))) {
            return Optional.empty();
        }
        return Optional.of(Caller.admin(admin.get()));
    }
}
