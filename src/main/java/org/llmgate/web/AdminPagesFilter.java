package org.llmgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.llmgate.platform.security.AdminSession;
import org.llmgate.web.ScreenPaths.Access;

/**
 * Form login for the screens: everything the WAR serves needs the admin's session, except the
 * login page, static resources and the REST API (which authenticates itself in AuthFilter). The
 * decision is {@link ScreenPaths}' allow-list; page beans check the session again
 * ({@link SignedIn}), so a path this filter missed still reaches no service.
 */
@WebFilter(filterName = "AdminPagesFilter", urlPatterns = "/*", asyncSupported = true)
public class AdminPagesFilter extends HttpFilter {

    private Set<String> selfGuardedServlets = Set.of();

    /**
     * Servlets a test harness adds to the WAR (Arquillian's runner) are named in
     * llmgate.screens.self-guarded-servlets; the production WAR has none, so everything it serves
     * goes through the allow-list.
     */
    @Override
    public void init() {
        selfGuardedServlets = ConfigProvider.getConfig()
                .getOptionalValue("llmgate.screens.self-guarded-servlets", String.class)
                .map(names -> Set.of(names.split(","))).orElse(Set.of());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!selfGuardedServlets.isEmpty() && selfGuardedServlets.contains(request.getHttpServletMapping().getServletName())) {
            chain.doFilter(request, response);
            return;
        }
        String rawPath = request.getRequestURI().substring(request.getContextPath().length());
        Access access = ScreenPaths.classify(rawPath, request.getServletPath(), request.getPathInfo());
        if (access == Access.SELF_AUTHENTICATING) {
            chain.doFilter(request, response);
            return;
        }
        // pages show keys' hints and health data: no caching, no framing by other sites
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        boolean signedIn = AdminSession.admin(request).isPresent();
        if (signedIn && ScreenPaths.unusualSpelling(rawPath)) {
            response.sendError(400, "Unusual path spelling");
            return;
        }
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            response.sendRedirect(request.getContextPath() + (signedIn ? "/index.xhtml" : ScreenPaths.LOGIN_PAGE));
            return;
        }
        if (access == Access.PUBLIC || signedIn) {
            chain.doFilter(request, response);
            return;
        }
        toLogin(request, response, rawPath);
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response, String rawPath) throws IOException {
        String login = request.getContextPath() + ScreenPaths.LOGIN_PAGE;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // an ajax click after the session ended: 401 (SPEC §10), with the redirect Faces' script understands
            response.setStatus(401);
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login + "\"></redirect></partial-response>");
            return;
        }
        if ("GET".equals(request.getMethod()) && !ScreenPaths.unusualSpelling(rawPath) && rawPath.endsWith(".xhtml")) {
            String target = rawPath + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            login += "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        }
        response.sendRedirect(login);
    }
}
