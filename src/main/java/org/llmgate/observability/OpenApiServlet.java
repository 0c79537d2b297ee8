package org.llmgate.observability;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.llmgate.platform.ApiRoute;

/**
 * {@code GET /llmgate/openapi}: the OpenAPI description (YAML, or JSON with
 * {@code Accept: application/json}) for the admin and integration tokens (SPEC §12). The
 * resources and servlet routes ({@link ApiRoute}) are found in the WAR's own classes once, so
 * every route is described.
 */
@WebServlet("/openapi")
public class OpenApiServlet extends HttpServlet {

    private static final String CLASSES = "/WEB-INF/classes/";

    @Inject
    OperatorAccess access;

    private volatile JsonObject document;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (access.identify(request, response).isEmpty()) {
            return;
        }
        JsonObject doc = document();
        String accept = request.getHeader("Accept");
        boolean json = accept != null && accept.contains("application/json") || "json".equalsIgnoreCase(request.getParameter("format"));
        response.setCharacterEncoding("UTF-8");
        response.setContentType(json ? "application/json" : "application/yaml");
        response.getWriter().write(json ? doc.toString() : Yaml.of(doc));
    }

    private JsonObject document() {
        JsonObject doc = document;
        if (doc == null) {
            List<Class<?>> resources = new ArrayList<>();
            collect(getServletContext(), CLASSES + "org/llmgate/", resources);
            String version = getClass().getPackage().getImplementationVersion();
            doc = OpenApiDocument.describe(resources, version == null ? "dev" : version);
            document = doc;
        }
        return doc;
    }

    private void collect(ServletContext context, String folder, List<Class<?>> resources) {
        Set<String> entries = context.getResourcePaths(folder);
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            if (entry.endsWith("/")) {
                collect(context, entry, resources);
            } else if (entry.endsWith(".class") && !entry.contains("$")) {
                String name = entry.substring(CLASSES.length(), entry.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (type.isAnnotationPresent(Path.class) || servesApiRoutes(type)) {
                        resources.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    log("Skipped " + name + " while describing the API: " + e);
                }
            }
        }
    }

    private static boolean servesApiRoutes(Class<?> type) {
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(ApiRoute.class)) {
                return true;
            }
        }
        return false;
    }
}
