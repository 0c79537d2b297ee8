package org.llmgate.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST route served by a servlet rather than a JAX-RS resource (the chat endpoints, issue 16),
 * on the method that reads its body, so the OpenAPI description lists it like every other route.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiRoute {

    /** The path under {@code /api}, without a leading slash. */
    String path();

    /** The HTTP method, lower case, as OpenAPI writes it. */
    String verb();

    String[] produces();
}
