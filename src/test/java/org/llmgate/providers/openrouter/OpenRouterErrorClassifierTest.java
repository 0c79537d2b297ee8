package org.llmgate.providers.openrouter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier.ErrorDetails;
import org.llmgate.providers.UpstreamFailure;

import java.net.http.HttpHeaders;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenRouterErrorClassifierTest {

    private final OpenRouterErrorClassifier classifier = new OpenRouterErrorClassifier();

    private UpstreamFailure failure(int status, String body) {
        return classifier.fromResponse(status, HttpHeaders.of(Map.of(), (a, b) -> true), body);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "401 | {\"error\":{\"message\":\"Insufficient credits\",\"code\":401}} | CREDIT_EXHAUSTED",
            "402 | {\"error\":{\"code\":402,\"message\":\"whatever\"}} | CREDIT_EXHAUSTED",
            "400 | {\"error\":{\"code\":400,\"message\":\"This request requires more credits, or fewer max_tokens.\"}} | CREDIT_EXHAUSTED",
            "403 | {\"error\":{\"code\":403,\"message\":\"m requires moderation on OpenAI. Your input was flagged for \\\"harassment\\\".\"}} | CONTENT_FILTERED",
            "403 | {\"error\":{\"code\":403,\"message\":\"Key is disabled\"}} | AUTH_ERROR",
            "401 | {\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}} | AUTH_ERROR",
            "404 | {\"error\":{\"code\":404,\"message\":\"No endpoints found for nope/nope.\"}} | MODEL_NOT_FOUND",
            "400 | {\"error\":{\"code\":400,\"message\":\"nope/nope is not a valid model ID\"}} | MODEL_NOT_FOUND",
            "408 | {\"error\":{\"code\":408,\"message\":\"Timed out\"}} | TIMEOUT",
            "502 | {\"error\":{\"code\":502,\"message\":\"Provider returned error\",\"metadata\":{\"raw\":\"{\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\"}}\"}}} | OVERLOADED",
            "429 | {\"error\":{\"code\":429,\"message\":\"Provider returned error\",\"metadata\":{\"raw\":{\"code\":\"insufficient_quota\"}}}} | CREDIT_EXHAUSTED"})
    void openRoutersAnswersGiveTheirClass(int status, String body, ErrorClass expected) {
        assertThat(failure(status, body).errorClass()).isEqualTo(expected);
    }

    @Test
    void theRoutedProvidersWordsFollowTheMessage() {
        UpstreamFailure failure = failure(429, "{\"error\":{\"code\":429,\"message\":\"Provider returned error\","
                + "\"metadata\":{\"raw\":\"m is temporarily rate-limited upstream\",\"provider_name\":\"Fake\"}}}");

        assertThat(failure.getMessage()).isEqualTo("HTTP 429: Provider returned error: m is temporarily rate-limited upstream");
    }

    @Test
    void inStreamErrorsUseTheirNumericCode() {
        assertThat(classifier.fromStreamError(429, new ErrorDetails(null, "429", "Provider returned error")).errorClass())
                .isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(classifier.fromStreamError(529, new ErrorDetails(null, "529", "Overloaded")).errorClass())
                .isEqualTo(ErrorClass.OVERLOADED);
        assertThat(classifier.fromStreamError(502, new ErrorDetails(null, "502", "boom")).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }
}
