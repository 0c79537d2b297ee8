package org.llmgate.chat.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs one attempt of a chat: {@link FallbackChainInterceptor} calls it once
 * per hop of the chat's fallback chain, until a hop answers or the chain is spent (SPEC §3–§5).
 * MicroProfile's {@code @Fallback} names one fixed method, so it cannot walk a chain that comes from
 * data; this binding can.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WalksFallbackChain {
}
