package org.llmgate.observability;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.llmgate.platform.ApiRoute;

/**
 * What the resources' signatures do not say: the fields of bodies read as text (the resources
 * parse JSON themselves to refuse bad input precisely), and the type behind a generic CRUD method
 * or an asynchronous answer.
 */
final class RequestBodies {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private RequestBodies() {
    }

    static Optional<JsonObject> of(Class<?> resource, Method method, String verb) {
        if (!takesBody(method)) {
            return Optional.empty();
        }
        String key = resource.getSimpleName() + "." + method.getName();
        return Optional.of(switch (key) {
            case "ProvidersResource.testConnection" -> object(Map.of("credentialId", "integer", "apiKey", "string",
                    "baseUrl", "string", "model", "string"), "model");
            case "ModelHintsResource.blacklist" -> object(Map.of("reason", "string"), "reason");
            case "BreakersResource.reset" -> object(Map.of("key", "string"), "key");
            case "ChatEndpoint.start" -> chat(Map.of("homeworkId", "integer", "courseId", "integer",
                    "organizationId", "integer", "userId", "string"));
            case "ChatCompletionsEndpoint.start" -> chat(Map.of("model", "string", "stream", "boolean", "user", "string"));
            default -> crudBody(resource);
        });
    }

    /** Query parameters read from UriInfo rather than declared: the CRUD list's parent filter. */
    static List<String> queryParameters(Class<?> resource, Method method) {
        if (!method.getName().equals("list") || !isCrud(resource)) {
            return List.of();
        }
        try {
            Method parent = resource.getDeclaredMethod("parentParameter");
            parent.setAccessible(true);
            Object instance = resource.getDeclaredConstructor().newInstance();
            Object name = parent.invoke(instance);
            return name == null ? List.of() : List.of((String) name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        }
    }

    static boolean creates(Class<?> resource, Method method) {
        return isCrud(resource) && method.getName().equals("create");
    }

    /** The type a client receives, with a CRUD resource's view type and async answers resolved. */
    static Type responseType(Class<?> resource, Method method) {
        Type type = method.getGenericReturnType();
        if (type instanceof ParameterizedType p && p.getRawType() == CompletionStage.class) {
            type = p.getActualTypeArguments()[0];
        }
        if (type == Response.class && isCrud(resource)) {
            return viewType(resource);
        }
        if (type == void.class || type == Response.class) {
            return method.getName().equals("complete") ? Object.class : null;
        }
        return resolve(type, resource);
    }

    private static Type resolve(Type type, Class<?> resource) {
        if (type instanceof TypeVariable<?>) {
            return viewType(resource);
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof TypeVariable<?>) {
            Type view = viewType(resource);
            return new ParameterizedType() {
                @Override
                public Type[] getActualTypeArguments() {
                    return new Type[] {view};
                }

                @Override
                public Type getRawType() {
                    return p.getRawType();
                }

                @Override
                public Type getOwnerType() {
                    return null;
                }
            };
        }
        return type;
    }

    private static boolean takesBody(Method method) {
        if (method.isAnnotationPresent(ApiRoute.class)) {
            return true; // a servlet's route reads its JSON body itself
        }
        for (Parameter parameter : method.getParameters()) {
            if (parameter.getType() == String.class && parameter.getAnnotations().length == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCrud(Class<?> resource) {
        return resource.getGenericSuperclass() instanceof ParameterizedType;
    }

    private static Type viewType(Class<?> resource) {
        return resource.getGenericSuperclass() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static JsonObject crudBody(Class<?> resource) {
        JsonObject view = OpenApiDocument.schemaOf(viewType(resource), null);
        if (!view.containsKey("properties")) {
            return view;
        }
        JsonObjectBuilder properties = JSON.createObjectBuilder(view.getJsonObject("properties"));
        properties.remove("id");
        if (resource.getSimpleName().equals("CredentialsResource")) {
            properties.remove("keyHint");
            properties.add("apiKey", JSON.createObjectBuilder().add("type", "string").add("writeOnly", true));
        }
        return JSON.createObjectBuilder().add("type", "object").add("additionalProperties", false)
                .add("properties", properties).build();
    }

    private static JsonObject object(Map<String, String> fields, String required) {
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        new java.util.TreeMap<>(fields).forEach((name, type) -> properties.add(name, JSON.createObjectBuilder().add("type", type)));
        return JSON.createObjectBuilder().add("type", "object").add("additionalProperties", false)
                .add("properties", properties).add("required", JSON.createArrayBuilder().add(required)).build();
    }

    private static JsonObject chat(Map<String, String> fields) {
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        new java.util.TreeMap<>(fields).forEach((name, type) -> properties.add(name, JSON.createObjectBuilder().add("type", type)));
        properties.add("messages", JSON.createObjectBuilder().add("type", "array").add("items", JSON.createObjectBuilder()
                .add("type", "object").add("properties", JSON.createObjectBuilder()
                        .add("role", JSON.createObjectBuilder().add("type", "string")
                                .add("enum", JSON.createArrayBuilder().add("system").add("user").add("assistant")))
                        .add("content", JSON.createObjectBuilder().add("type", "string")))));
        return JSON.createObjectBuilder().add("type", "object").add("properties", properties)
                .add("required", JSON.createArrayBuilder().add("messages")).build();
    }
}
