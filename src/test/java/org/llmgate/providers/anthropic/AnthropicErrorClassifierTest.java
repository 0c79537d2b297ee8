package org.llmgate.providers.anthropic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier.ErrorDetails;

import java.net.http.HttpHeaders;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicErrorClassifierTest {

    private final AnthropicErrorClassifier classifier = new AnthropicErrorClassifier();

    private ErrorClass classify(int status, String body) {
        return classifier.fromResponse(status, HttpHeaders.of(Map.of(), (a, b) -> true), body).errorClass();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API.\"}} | CREDIT_EXHAUSTED",
            "404 | {\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-9\"}} | MODEL_NOT_FOUND",
            "400 | {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 205351 tokens > 200000 maximum\"}} | CONTEXT_LENGTH_EXCEEDED",
            "400 | {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Output blocked by content filtering policy\"}} | CONTENT_FILTERED",
            "403 | {\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"no\"}} | AUTH_ERROR",
            "400 | {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}} | AUTH_ERROR",
            "529 | {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}} | OVERLOADED",
            "500 | {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}} | OVERLOADED",
            "400 | {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}} | UPSTREAM_ERROR",
            "413 | {\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum allowed number of bytes.\"}} | BAD_REQUEST"})
    void anthropicsAnswersGiveTheirClass(int status, String body, ErrorClass expected) {
        assertThat(classify(status, body)).isEqualTo(expected);
    }

    @Test
    void anErrorEventInsideA200StreamIsClassifiedByItsType() {
        assertThat(classifier.fromStreamError(null, new ErrorDetails("overloaded_error", null, "Overloaded")).errorClass())
                .isEqualTo(ErrorClass.OVERLOADED);
        assertThat(classifier.fromStreamError(null, new ErrorDetails("invalid_request_error", null, "bad")).errorClass())
                .isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(classifier.fromStreamError(null, new ErrorDetails("api_error", null, "boom")).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }
}
