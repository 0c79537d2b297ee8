package org.llmgate.providers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.HttpErrorClassifier.ErrorDetails;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class HttpErrorClassifierTest {

    private final HttpErrorClassifier classifier = new HttpErrorClassifier(ErrorVocabulary.NONE);

    private ErrorClass classify(int status, String body) {
        return classifier.fromResponse(status, HttpHeaders.of(Map.of(), (a, b) -> true), body).errorClass();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400 | {\"error\":{\"message\":\"model xyz does not exist\"}} | MODEL_NOT_FOUND",
            "400 | {\"error\":{\"message\":\"content_filter triggered\"}} | CONTENT_FILTERED",
            "400 | {\"error\":{\"message\":\"Invalid API key\"}} | AUTH_ERROR",
            "400 | {\"error\":{\"message\":\"Rate limit reached\"}} | RATE_LIMITED",
            "400 | {\"error\":{\"message\":\"the context window is 4096 tokens\"}} | CONTEXT_LENGTH_EXCEEDED",
            "401 | {\"error\":{\"message\":\"Payment required\"}} | CREDIT_EXHAUSTED",
            "401 | {} | AUTH_ERROR",
            "402 | {} | CREDIT_EXHAUSTED",
            "403 | {} | AUTH_ERROR",
            "404 | {} | MODEL_NOT_FOUND",
            "408 | {} | TIMEOUT",
            "429 | {} | RATE_LIMITED",
            "529 | {} | OVERLOADED",
            "500 | <html>oops</html> | UPSTREAM_ERROR",
            "502 | '' | UPSTREAM_ERROR",
            "504 | {} | UPSTREAM_ERROR",
            "418 | {} | BAD_REQUEST",
            "400 | {\"error\":{\"message\":\"temperature must be at most 2\"}} | BAD_REQUEST"})
    void statusAndCommonPhrasesGiveTheClass(int status, String body, ErrorClass expected) {
        assertThat(classify(status, body)).isEqualTo(expected);
    }

    @Test
    void oneProvidersWordsMeanNothingToAnother() {
        assertThat(classify(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}"))
                .isEqualTo(ErrorClass.BAD_REQUEST);
        assertThat(classify(500, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"))
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }

    @Test
    void inStreamErrorsUseTheirNumericCode() {
        assertThat(classifier.fromStreamError(429, new ErrorDetails(null, "429", "Provider returned error")).errorClass())
                .isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(classifier.fromStreamError(null, new ErrorDetails(null, null, "boom")).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(classifier.fromStreamError(null, new ErrorDetails(null, null, "boom")).status()).isNull();
    }

    @Test
    void theUsualErrorObjectAndTopLevelFieldsAreRead() {
        assertThat(classifier.details("{\"error\":{\"type\":\"t\",\"code\":\"c\",\"message\":\"m\"}}"))
                .isEqualTo(new ErrorDetails("t", "c", "m"));
        assertThat(classifier.details("{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}"))
                .isEqualTo(new ErrorDetails("error", "rate_limit_exceeded", "slow down"));
        assertThat(classifier.details("Bad Gateway")).isEqualTo(new ErrorDetails(null, null, "Bad Gateway"));
    }

    @Test
    void retryAfterInSecondsDateOrMilliseconds() {
        assertThat(HttpErrorClassifier.parseRetryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpErrorClassifier.parseRetryAfter("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(HttpErrorClassifier.parseRetryAfter("-3")).isEqualTo(Duration.ZERO);
        assertThat(HttpErrorClassifier.parseRetryAfter("soon")).isEqualTo(HttpErrorClassifier.UNREADABLE_RETRY_AFTER);
        assertThat(HttpErrorClassifier.parseRetryAfter("1e13")).isEqualTo(HttpErrorClassifier.UNREADABLE_RETRY_AFTER);
        assertThat(HttpErrorClassifier.parseRetryAfter("Infinity")).isEqualTo(HttpErrorClassifier.UNREADABLE_RETRY_AFTER);
        assertThat(HttpErrorClassifier.parseRetryAfter(null)).isNull();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));
        assertThat(HttpErrorClassifier.parseRetryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
        HttpHeaders millis = HttpHeaders.of(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("1")), (a, b) -> true);
        assertThat(HttpErrorClassifier.retryAfter(millis)).isEqualTo(Duration.ofMillis(250));
        HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
        assertThat(HttpErrorClassifier.retryAfter(none)).isNull();
    }

    @Test
    void retryAfterHeaderReachesTheFailure() {
        HttpHeaders headers = HttpHeaders.of(Map.of("Retry-After", List.of("12")), (a, b) -> true);

        UpstreamFailure failure = classifier.fromResponse(429, headers, "{}");

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(failure.status()).isEqualTo(429);
    }

    @Test
    void transportFailuresAreUnreachableOrTimeout() {
        assertThat(classifier.fromTransport(new CompletionException(new ConnectException())).errorClass())
                .isEqualTo(ErrorClass.UNREACHABLE);
        assertThat(classifier.fromTransport(new IOException("wrapped", new UnresolvedAddressException())).errorClass())
                .isEqualTo(ErrorClass.UNREACHABLE);
        assertThat(classifier.fromTransport(new SSLHandshakeException("bad cert")).errorClass())
                .isEqualTo(ErrorClass.UNREACHABLE);
        assertThat(classifier.fromTransport(new HttpConnectTimeoutException("connect timed out")).errorClass())
                .isEqualTo(ErrorClass.UNREACHABLE);
        assertThat(classifier.fromTransport(new HttpTimeoutException("request timed out")).errorClass())
                .isEqualTo(ErrorClass.TIMEOUT);
        assertThat(classifier.fromTransport(new IOException("connection reset")).errorClass())
                .isEqualTo(ErrorClass.UPSTREAM_ERROR);
    }

    @Test
    void messagesAreRedactedOfTheKnownKey() {
        UpstreamFailure failure = classifier.fromResponse(401, HttpHeaders.of(Map.of(), (a, b) -> true),
                "{\"error\":{\"message\":\"key my-plain-key-42 rejected\"}}", "my-plain-key-42");

        assertThat(failure.getMessage()).doesNotContain("my-plain-key-42").contains("HTTP 401");
    }
}
