package org.llmgate.web;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page bean that only the signed-in admin may use. Defence in depth behind
 * {@link AdminPagesFilter}: should a path spelling ever slip past the filter, the bean still
 * refuses to create itself or run a method, so no service is reached.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedIn {
}
