package org.llmgate.observability;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.llmgate.platform.ApiRoute;

/**
 * The OpenAPI 3.0 description of every REST route (SPEC §12), read from the JAX-RS resources
 * and the servlets' {@link ApiRoute} methods themselves, so a new route is described the moment it exists: paths, methods, path and query
 * parameters, the response's fields from the records the resources return, the request's fields
 * from {@link RequestBodies}, and the problem responses every route can give.
 */
final class OpenApiDocument {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final String PROBLEM = "#/components/schemas/Problem";

    private OpenApiDocument() {
    }

    static JsonObject describe(Collection<Class<?>> resources, String version) {
        Map<String, JsonObjectBuilder> paths = new TreeMap<>();
        resources.stream().sorted(Comparator.comparing(Class::getName)).forEach(resource -> {
            Path base = resource.getAnnotation(Path.class);
            for (Method method : sortedMethods(resource)) {
                ApiRoute route = method.getAnnotation(ApiRoute.class);
                String verb = route != null ? route.verb() : base == null ? null : verb(method);
                if (verb == null) {
                    continue;
                }
                String path = "/api/" + (route != null ? trim(route.path()) : join(base.value(), method.getAnnotation(Path.class)));
                paths.computeIfAbsent(path, p -> JSON.createObjectBuilder())
                        .add(verb, operation(resource, method, verb, path));
            }
        });
        JsonObjectBuilder pathsJson = JSON.createObjectBuilder();
        paths.forEach((path, operations) -> pathsJson.add(path, operations));
        return JSON.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add("info", JSON.createObjectBuilder().add("title", "llmgate").add("version", version)
                        .add("description", "LLM gateway for universities. Admin routes take HTTP Basic; chat routes take the"
                                + " admin or an organization's integration token (Bearer). Errors are RFC 9457 problem details."))
                .add("servers", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("url", "/llmgate")))
                .add("paths", pathsJson)
                .add("components", components())
                .add("security", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("basic", JSON.createArrayBuilder()))
                        .add(JSON.createObjectBuilder().add("bearer", JSON.createArrayBuilder())))
                .build();
    }

    /** A resource's public methods; a servlet's {@link ApiRoute} methods, which need not be public. */
    private static List<Method> sortedMethods(Class<?> resource) {
        Method[] methods = resource.isAnnotationPresent(Path.class) ? resource.getMethods() : resource.getDeclaredMethods();
        return java.util.Arrays.stream(methods)
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount)).toList();
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        return method.isAnnotationPresent(DELETE.class) ? "delete" : null;
    }

    private static String join(String base, Path sub) {
        String path = trim(base) + (sub == null ? "" : "/" + trim(sub.value()));
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String trim(String segment) {
        return segment.replaceAll("^/+|/+$", "");
    }

    private static JsonObject operation(Class<?> resource, Method method, String verb, String path) {
        JsonObjectBuilder operation = JSON.createObjectBuilder()
                .add("operationId", resource.getSimpleName() + "_" + method.getName())
                .add("tags", JSON.createArrayBuilder().add(path.startsWith("/api/admin") ? "admin" : "runtime"));
        JsonArrayBuilder parameters = JSON.createArrayBuilder();
        for (Parameter parameter : method.getParameters()) {
            PathParam pathParam = parameter.getAnnotation(PathParam.class);
            QueryParam queryParam = parameter.getAnnotation(QueryParam.class);
            if (pathParam != null) {
                parameters.add(parameter("path", pathParam.value(), parameter.getType(), true));
            } else if (queryParam != null) {
                parameters.add(parameter("query", queryParam.value(), parameter.getType(), false));
            }
        }
        RequestBodies.queryParameters(resource, method).forEach(name -> parameters.add(parameter("query", name, String.class, false)));
        operation.add("parameters", parameters);
        RequestBodies.of(resource, method, verb).ifPresent(body -> operation.add("requestBody", JSON.createObjectBuilder()
                .add("required", true)
                .add("content", JSON.createObjectBuilder().add("application/json", JSON.createObjectBuilder().add("schema", body)))));
        operation.add("responses", responses(resource, method, verb));
        return operation.build();
    }

    private static JsonObject parameter(String in, String name, Class<?> type, boolean required) {
        return JSON.createObjectBuilder().add("name", name).add("in", in).add("required", required)
                .add("schema", schemaOf(type, null)).build();
    }

    private static JsonObject responses(Class<?> resource, Method method, String verb) {
        JsonObjectBuilder responses = JSON.createObjectBuilder();
        String produces = produces(resource, method);
        Type returned = RequestBodies.responseType(resource, method);
        if (produces.contains("event-stream")) {
            responses.add("200", JSON.createObjectBuilder().add("description",
                            "A stream of events: attempt, fallback, delta, then exactly one done or error")
                    .add("content", JSON.createObjectBuilder().add("text/event-stream", JSON.createObjectBuilder()
                            .add("schema", JSON.createObjectBuilder().add("type", "string")))));
        } else if (method.getReturnType() == void.class && returned == null) {
            responses.add("204", JSON.createObjectBuilder().add("description", "Done"));
        } else {
            String status = "post".equals(verb) && RequestBodies.creates(resource, method) ? "201" : "200";
            JsonObjectBuilder ok = JSON.createObjectBuilder().add("description", "201".equals(status) ? "Created (Location header)" : "OK");
            ok.add("content", JSON.createObjectBuilder().add("application/json", JSON.createObjectBuilder()
                    .add("schema", returned == null ? JSON.createObjectBuilder().add("type", "object").build() : schemaOf(returned, null))));
            responses.add(status, ok);
        }
        for (String[] problem : new String[][] {{"400", "Invalid input: the problem names each field"},
                {"401", "Not authenticated"}, {"403", "Not allowed for this caller (an integration token on an admin route)"},
                {"404", "Unknown id"}, {"409", "Conflicts with existing data (a cycle, a resource in use)"},
                {"413", "Body larger than the limit"}, {"415", "Not application/json"},
                {"429", "Too many requests (sign-in throttling, open chats per organization, budget)"},
                {"503", "Database not available (admin writes) or shutting down"}}) {
            responses.add(problem[0], JSON.createObjectBuilder().add("description", problem[1])
                    .add("content", JSON.createObjectBuilder().add("application/problem+json", JSON.createObjectBuilder()
                            .add("schema", JSON.createObjectBuilder().add("$ref", PROBLEM)))));
        }
        return responses.build();
    }

    private static String produces(Class<?> resource, Method method) {
        if (method.isAnnotationPresent(ApiRoute.class)) {
            return String.join(",", method.getAnnotation(ApiRoute.class).produces());
        }
        Produces produces = method.getAnnotation(Produces.class) != null ? method.getAnnotation(Produces.class)
                : resource.getAnnotation(Produces.class);
        return produces == null ? "application/json" : String.join(",", produces.value());
    }

    /** A JSON schema for a Java type: records become objects with their components as properties. */
    static JsonObject schemaOf(Type type, Annotation[] unused) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
            return JSON.createObjectBuilder().add("type", "array").add("items", schemaOf(p.getActualTypeArguments()[0], null)).build();
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && Map.class.isAssignableFrom(raw)) {
            return JSON.createObjectBuilder().add("type", "object").build();
        }
        Class<?> c = type instanceof Class<?> k ? k : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
        if (c == String.class || c.isEnum()) {
            return JSON.createObjectBuilder().add("type", "string").build();
        }
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
            return JSON.createObjectBuilder().add("type", "integer").add("format", c == int.class || c == Integer.class ? "int32" : "int64").build();
        }
        if (c == double.class || c == Double.class || c == BigDecimal.class || c == float.class) {
            return JSON.createObjectBuilder().add("type", "number").build();
        }
        if (c == boolean.class || c == Boolean.class) {
            return JSON.createObjectBuilder().add("type", "boolean").build();
        }
        if (c == Instant.class) {
            return JSON.createObjectBuilder().add("type", "string").add("format", "date-time").build();
        }
        if (c == LocalDate.class) {
            return JSON.createObjectBuilder().add("type", "string").add("format", "date").build();
        }
        if (c.isRecord()) {
            JsonObjectBuilder properties = JSON.createObjectBuilder();
            for (RecordComponent component : c.getRecordComponents()) {
                properties.add(component.getName(), schemaOf(component.getGenericType(), null));
            }
            return JSON.createObjectBuilder().add("type", "object").add("properties", properties).build();
        }
        return JSON.createObjectBuilder().add("type", "object").build();
    }

    private static JsonObject components() {
        JsonObjectBuilder fieldError = JSON.createObjectBuilder().add("type", "object").add("properties", JSON.createObjectBuilder()
                .add("field", JSON.createObjectBuilder().add("type", "string"))
                .add("message", JSON.createObjectBuilder().add("type", "string")));
        JsonObjectBuilder problem = JSON.createObjectBuilder().add("type", "object")
                .add("description", "RFC 9457 problem details")
                .add("properties", JSON.createObjectBuilder()
                        .add("type", JSON.createObjectBuilder().add("type", "string"))
                        .add("title", JSON.createObjectBuilder().add("type", "string"))
                        .add("status", JSON.createObjectBuilder().add("type", "integer"))
                        .add("detail", JSON.createObjectBuilder().add("type", "string"))
                        .add("errors", JSON.createObjectBuilder().add("type", "array").add("items", fieldError)))
                .add("example", JSON.createObjectBuilder().add("type", "about:blank").add("title", "Bad Request").add("status", 400)
                        .add("detail", "Invalid fields").add("errors", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                                .add("field", "name").add("message", "is required"))));
        return JSON.createObjectBuilder()
                .add("schemas", JSON.createObjectBuilder().add("Problem", problem))
                .add("securitySchemes", JSON.createObjectBuilder()
                        .add("basic", JSON.createObjectBuilder().add("type", "http").add("scheme", "basic"))
                        .add("bearer", JSON.createObjectBuilder().add("type", "http").add("scheme", "bearer")
                                .add("description", "An organization's integration token (lgt_…), chat routes only")))
                .build();
    }
}
