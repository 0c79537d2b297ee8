package org.llmgate.providers.anthropic;

import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ErrorVocabulary;
import org.llmgate.providers.HttpErrorClassifier;

/**
 * Anthropic's errors: {@code {"type":"error","error":{"type":"overloaded_error","message":..},"request_id":..}}
 * with types invalid_request_error (400), authentication_error (401), billing_error,
 * permission_error (403), not_found_error (404), request_too_large (413), rate_limit_error (429),
 * api_error (500) and overloaded_error (529, also inside a 200 stream and now and then with 500).
 */
public class AnthropicErrorClassifier extends HttpErrorClassifier {

    public static final ErrorVocabulary WORDS = ErrorVocabulary.builder()
            // an exhausted balance comes as 400 invalid_request_error, so only the words tell
            .means(ErrorClass.CREDIT_EXHAUSTED, "credit balance is too low", "billing_error")
            .means(ErrorClass.CONTEXT_LENGTH_EXCEEDED, "prompt is too long", "input is too long")
            .means(ErrorClass.CONTENT_FILTERED, "output blocked")
            .means(ErrorClass.AUTH_ERROR, "invalid x-api-key", "authentication_error", "permission_error")
            .means(ErrorClass.OVERLOADED, "overloaded_error")
            .means(ErrorClass.MODEL_NOT_FOUND, "not_found_error")
            .means(ErrorClass.UPSTREAM_ERROR, "\\bapi_error\\b")
            .means(ErrorClass.BAD_REQUEST, "invalid_request_error")
            .build();

    public AnthropicErrorClassifier() {
        super(WORDS);
    }
}
