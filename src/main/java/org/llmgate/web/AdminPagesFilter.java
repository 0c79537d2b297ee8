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
import org.llmgate.platform.security.AdminSession;

/**
 * Form login for the screens: every page but the login page needs the admin's session. REST under
 * /api authenticates itself (AuthFilter); Faces' resources (scripts, styles) are public.
 */
@WebFilter(filterName = "AdminPagesFilter", urlPatterns = "/*", asyncSupported = true)
public class AdminPagesFilter extends HttpFilter {

    static final String LOGIN_PAGE = "/login.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // only the Faces pages are the filter's business: /api authenticates itself, and anything
        // else in the WAR (Faces resources, a test harness's servlet) is not an admin page
        boolean page = path.isEmpty() || path.equals("/") || path.endsWith(".xhtml");
        if (!page || path.startsWith("/jakarta.faces.resource/")) {
            chain.doFilter(request, response);
            return;
        }
        if (path.isEmpty() || path.equals("/")) {
            response.sendRedirect(request.getContextPath() + "/index.xhtml");
            return;
        }
        // pages show keys' hints and health data: no caching, no framing by other sites
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals(LOGIN_PAGE) || AdminSession.admin(request).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        String login = request.getContextPath() + LOGIN_PAGE;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // an ajax click after the session ended: tell Faces' client script to go to the login page
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login + "\"></redirect></partial-response>");
            return;
        }
        if ("GET".equals(request.getMethod()) && path.endsWith(".xhtml")) {
            String target = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            login += "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        }
        response.sendRedirect(login);
    }
}
