package org.llmgate.providers.compatible;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier.ErrorDetails;

import java.net.http.HttpHeaders;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibleErrorClassifierTest {

    private final CompatibleErrorClassifier classifier = new CompatibleErrorClassifier();

    private ErrorClass classify(int status, String body) {
        return classifier.fromResponse(status, HttpHeaders.of(Map.of(), (a, b) -> true), body).errorClass();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "422 | {\"detail\":\"bad field\"} | BAD_REQUEST",
            "401 | {\"error\":\"Unauthorized\"} | AUTH_ERROR",
            "400 | {\"error\":\"Unauthorized\"} | AUTH_ERROR",
            "404 | {\"error\":{\"message\":\"The model `llama` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}} | MODEL_NOT_FOUND",
            "400 | {\"message\":\"maximum context length is 4096 tokens\",\"type\":\"BadRequestError\"} | CONTEXT_LENGTH_EXCEEDED",
            "500 | {\"error\":{\"message\":\"litellm.InternalServerError: AnthropicException - {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"overloaded_error\\\"}}\"}} | OVERLOADED",
            "429 | {\"error\":{\"message\":\"litellm.RateLimitError: You exceeded your current quota\",\"code\":\"429\"}} | CREDIT_EXHAUSTED"})
    void selfHostedServersAndProxiesGiveTheirClass(int status, String body, ErrorClass expected) {
        assertThat(classify(status, body)).isEqualTo(expected);
    }

    @Test
    void errorTextMessageAndDetailShapesAreRead() {
        assertThat(classifier.details("{\"error\":\"Unauthorized\"}")).isEqualTo(new ErrorDetails(null, null, "Unauthorized"));
        assertThat(classifier.details("{\"message\":\"m\",\"type\":\"BadRequestError\",\"code\":400}"))
                .isEqualTo(new ErrorDetails("BadRequestError", "400", "m"));
        assertThat(classifier.details("{\"detail\":\"Not Found\"}")).isEqualTo(new ErrorDetails(null, null, "Not Found"));
    }
}
