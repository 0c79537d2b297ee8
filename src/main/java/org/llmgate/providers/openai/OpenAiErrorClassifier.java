package org.llmgate.providers.openai;

import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ErrorVocabulary;
import org.llmgate.providers.HttpErrorClassifier;

/**
 * OpenAI's errors: {@code {"error":{"message","type","param","code"}}}, and on the Responses API
 * an {@code error} event with {@code code} and {@code message} at the top. Its 401 echoes part of
 * the key ("Incorrect API key provided: sk-abc***xyz"), which {@code Redaction} removes.
 */
public class OpenAiErrorClassifier extends HttpErrorClassifier {

    public static final ErrorVocabulary WORDS = ErrorVocabulary.builder()
            // insufficient_quota comes with 429 but no wait will help: credit, not rate_limited
            .means(ErrorClass.CREDIT_EXHAUSTED, "insufficient[ _]quota", "exceeded your current quota")
            // a model that lives on the other endpoint answers 404 (SPEC §6): endpoint, not model
            .means(ErrorClass.ENDPOINT_UNSUPPORTED, "only supported in (the )?v1/(responses|chat/completions)",
                    "not supported (in|on|by|with) (the )?(v1/)?(chat/completions|responses|chat completions api|responses api)",
                    "(use|try) the (responses|chat completions) (api|endpoint)",
                    "is not a chat model")
            .means(ErrorClass.CONTEXT_LENGTH_EXCEEDED, "reduce the length of the messages")
            // "our safety system"; Azure OpenAI says "content management policy"
            .means(ErrorClass.CONTENT_FILTERED, "content management policy", "safety")
            .means(ErrorClass.AUTH_ERROR, "incorrect api key", "invalid authentication")
            .means(ErrorClass.MODEL_NOT_FOUND, "model_not_found")
            .means(ErrorClass.UPSTREAM_ERROR, "\\bserver_error\\b")
            .means(ErrorClass.BAD_REQUEST, "invalid_request_error")
            .build();

    public OpenAiErrorClassifier() {
        super(WORDS);
    }
}
