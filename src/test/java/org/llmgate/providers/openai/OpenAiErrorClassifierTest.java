package org.llmgate.providers.openai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier.ErrorDetails;

import java.net.http.HttpHeaders;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorClassifierTest {

    private final OpenAiErrorClassifier classifier = new OpenAiErrorClassifier();

    private ErrorClass classify(int status, String body) {
        return classifier.fromResponse(status, HttpHeaders.of(Map.of(), (a, b) -> true), body).errorClass();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "429 | {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}} | RATE_LIMITED",
            "429 | {\"error\":{\"message\":\"You exceeded your current quota, please check your plan.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}} | CREDIT_EXHAUSTED",
            "404 | {\"error\":{\"message\":\"This model is only supported in v1/responses and not in v1/chat/completions.\",\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":null}} | ENDPOINT_UNSUPPORTED",
            "400 | {\"error\":{\"message\":\"gpt-x is not supported in the v1/chat/completions endpoint.\"}} | ENDPOINT_UNSUPPORTED",
            "400 | {\"error\":{\"message\":\"Please use the Responses API for this model\"}} | ENDPOINT_UNSUPPORTED",
            "404 | {\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"code\":\"model_not_found\"}} | MODEL_NOT_FOUND",
            "400 | {\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\",\"code\":\"context_length_exceeded\"}} | CONTEXT_LENGTH_EXCEEDED",
            "400 | {\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\",\"code\":\"content_policy_violation\"}} | CONTENT_FILTERED",
            "401 | {\"error\":{\"message\":\"Incorrect API key provided: sk-abc***xyz.\",\"code\":\"invalid_api_key\"}} | AUTH_ERROR",
            "503 | {\"error\":{\"message\":\"The engine is currently overloaded, please try again later.\",\"type\":\"server_error\"}} | UPSTREAM_ERROR",
            "400 | {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}} | UPSTREAM_ERROR"})
    void openAisAnswersGiveTheirClass(int status, String body, ErrorClass expected) {
        assertThat(classify(status, body)).isEqualTo(expected);
    }

    @Test
    void inStreamErrorsAreClassifiedByTheirType() {
        assertThat(classifier.fromStreamError(null, new ErrorDetails(null, "server_error", "boom")).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(classifier.fromStreamError(null, new ErrorDetails("error", "rate_limit_exceeded", "slow down")).errorClass())
                .isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(classifier.fromStreamError(null, new ErrorDetails("invalid_request_error", null, "bad")).errorClass())
                .isEqualTo(ErrorClass.BAD_REQUEST);
    }
}
