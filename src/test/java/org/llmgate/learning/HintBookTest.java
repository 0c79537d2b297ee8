package org.llmgate.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;

class HintBookTest {

    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");
    private static final HintKey MODEL = new HintKey("OpenRouter", "vendor/broken-model");

    private final HintBook book = new HintBook(HintConfig.defaults());

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private void failTimes(int n, ErrorClass cls, long startSecond) {
        for (int i = 0; i < n; i++) {
            book.recordError(MODEL, Endpoint.CHAT_COMPLETIONS, cls, "boom " + i, at(startSecond + i));
        }
    }

    @Test
    void fiveErrorsAndNoSuccessBlacklistTheModel() {
        failTimes(4, ErrorClass.MODEL_NOT_FOUND, 0);
        assertThat(book.admit(MODEL, at(10))).isEqualTo(HintAdmission.ALLOWED);

        failTimes(1, ErrorClass.MODEL_NOT_FOUND, 11);

        assertThat(book.admit(MODEL, at(12))).isEqualTo(HintAdmission.BLACKLISTED);
        HintSnapshot hint = book.snapshot(MODEL).orElseThrow();
        assertThat(hint.blacklisted()).isTrue();
        assertThat(hint.manual()).isFalse();
        assertThat(hint.errorCount()).isEqualTo(5);
        assertThat(hint.lastErrorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND);
        assertThat(hint.blacklistReason()).contains("5 errors and no success").contains("model_not_found");
    }

    @Test
    void fiveErrorsAfterOneSuccessDoNotBlacklist() {
        book.recordSuccess(MODEL, Endpoint.CHAT_COMPLETIONS, at(0));

        failTimes(5, ErrorClass.UPSTREAM_ERROR, 1);

        assertThat(book.admit(MODEL, at(10))).isEqualTo(HintAdmission.ALLOWED);
        assertThat(book.snapshot(MODEL).orElseThrow().errorCount()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorClass.class, names = {"AUTH_ERROR", "CREDIT_EXHAUSTED", "UNREACHABLE", "RATE_LIMITED",
            "TIMEOUT", "OVERLOADED", "CONTEXT_LENGTH_EXCEEDED", "CONTENT_FILTERED", "STREAM_INTERRUPTED"})
    void failuresThatAreNotTheModelsFaultNeverBlacklistIt(ErrorClass cls) {
        failTimes(20, cls, 0);

        assertThat(book.admit(MODEL, at(30))).isEqualTo(HintAdmission.ALLOWED);
        assertThat(book.snapshot(MODEL).orElseThrow().errorCount()).isZero();
        assertThat(book.snapshot(MODEL).orElseThrow().lastErrorClass()).isEqualTo(cls);
    }

    @Test
    void oneProbeAfterTheRecoveryPeriodAndItsSuccessClears() {
        failTimes(5, ErrorClass.BAD_REQUEST, 0);
        Instant recovered = at(4).plus(Duration.ofMinutes(30));

        assertThat(book.admit(MODEL, recovered.minusSeconds(1))).isEqualTo(HintAdmission.BLACKLISTED);
        assertThat(book.admit(MODEL, recovered)).isEqualTo(HintAdmission.PROBE);
        assertThat(book.admit(MODEL, recovered.plusSeconds(1))).as("second caller").isEqualTo(HintAdmission.BLACKLISTED);

        book.recordSuccess(MODEL, Endpoint.CHAT_COMPLETIONS, recovered.plusSeconds(2));

        assertThat(book.admit(MODEL, recovered.plusSeconds(3))).isEqualTo(HintAdmission.ALLOWED);
        HintSnapshot hint = book.snapshot(MODEL).orElseThrow();
        assertThat(hint.blacklisted()).isFalse();
        assertThat(hint.blacklistReason()).isNull();
        assertThat(hint.successCount()).isEqualTo(1);
    }

    @Test
    void aFailedProbeWaitsAnotherWholePeriod() {
        failTimes(5, ErrorClass.EMPTY_RESPONSE, 0);
        Instant probe = at(4).plus(Duration.ofMinutes(30));
        assertThat(book.admit(MODEL, probe)).isEqualTo(HintAdmission.PROBE);

        book.recordError(MODEL, Endpoint.CHAT_COMPLETIONS, ErrorClass.EMPTY_RESPONSE, "empty again", probe.plusSeconds(5));

        assertThat(book.admit(MODEL, probe.plusSeconds(6))).isEqualTo(HintAdmission.BLACKLISTED);
        assertThat(book.admit(MODEL, probe.plusSeconds(5).plus(Duration.ofMinutes(30)))).isEqualTo(HintAdmission.PROBE);
    }

    @Test
    void aProbeTakenForASkippedHopIsGivenBack() {
        failTimes(5, ErrorClass.EMPTY_RESPONSE, 0);
        Instant probe = at(4).plus(Duration.ofMinutes(30));
        assertThat(book.admit(MODEL, probe)).isEqualTo(HintAdmission.PROBE);

        book.releaseProbe(MODEL);

        assertThat(book.peek(MODEL, probe.plusSeconds(1))).isEqualTo(HintAdmission.PROBE);
        assertThat(book.admit(MODEL, probe.plusSeconds(1))).isEqualTo(HintAdmission.PROBE);
    }

    @Test
    void anAdminBlacklistIsNeverProbedAndOnlyClearedByHand() {
        book.recordSuccess(MODEL, Endpoint.CHAT_COMPLETIONS, at(0));

        book.blacklist(MODEL, "too expensive for this course", at(1));

        assertThat(book.admit(MODEL, at(1).plus(Duration.ofDays(2)))).isEqualTo(HintAdmission.BLACKLISTED);
        book.recordSuccess(MODEL, Endpoint.CHAT_COMPLETIONS, at(2)); // a call that was already in flight
        HintSnapshot hint = book.snapshot(MODEL).orElseThrow();
        assertThat(hint.blacklisted()).isTrue();
        assertThat(hint.manual()).isTrue();
        assertThat(hint.blacklistReason()).isEqualTo("too expensive for this course");

        book.clear(MODEL, at(3));

        HintSnapshot cleared = book.snapshot(MODEL).orElseThrow();
        assertThat(book.admit(MODEL, at(4))).isEqualTo(HintAdmission.ALLOWED);
        assertThat(cleared.blacklisted()).isFalse();
        assertThat(cleared.manual()).isFalse();
        assertThat(cleared.successCount()).isZero();
        assertThat(cleared.errorCount()).isZero();
        assertThat(cleared.lastErrorClass()).isNull();
    }

    @Test
    void clearingAnAutomaticBlacklistStartsTheCountOver() {
        failTimes(5, ErrorClass.MODEL_NOT_FOUND, 0);
        book.clear(MODEL, at(10));

        failTimes(4, ErrorClass.MODEL_NOT_FOUND, 11);

        assertThat(book.admit(MODEL, at(20))).isEqualTo(HintAdmission.ALLOWED);
    }

    @Test
    void aModelThatNeedsTheResponsesApiIsSentThereNextTime() {
        HintKey codex = new HintKey("openai", "gpt-5-codex");
        assertThat(book.endpointFor(codex, Endpoint.CHAT_COMPLETIONS)).isEqualTo(Endpoint.CHAT_COMPLETIONS);

        book.recordError(codex, Endpoint.CHAT_COMPLETIONS, ErrorClass.ENDPOINT_UNSUPPORTED,
                "This model is only supported in v1/responses", at(0));
        assertThat(book.endpointFor(codex, Endpoint.CHAT_COMPLETIONS))
                .as("the default is known refused: try the alternative").isEqualTo(Endpoint.RESPONSES);
        book.recordSuccess(codex, Endpoint.RESPONSES, at(1));

        HintSnapshot hint = book.snapshot(codex).orElseThrow();
        assertThat(hint.preferredEndpoint()).isEqualTo(Endpoint.RESPONSES);
        assertThat(hint.supportedEndpoints()).containsExactly(Endpoint.RESPONSES);
        assertThat(hint.unsupportedEndpoints()).containsExactly(Endpoint.CHAT_COMPLETIONS);
        assertThat(hint.errorCount()).as("needing the other API is not a fault").isZero();
        assertThat(book.endpointFor(codex, Endpoint.CHAT_COMPLETIONS)).isEqualTo(Endpoint.RESPONSES);
    }

    @Test
    void aModelThatRefusesBothEndpointsCountsTowardTheBlacklist() {
        HintKey odd = new HintKey("openai", "odd-model");
        book.recordError(odd, Endpoint.CHAT_COMPLETIONS, ErrorClass.ENDPOINT_UNSUPPORTED, "no", at(0));
        assertThat(book.snapshot(odd).orElseThrow().errorCount()).as("the alternative is still untried").isZero();
        book.recordError(odd, Endpoint.RESPONSES, ErrorClass.ENDPOINT_UNSUPPORTED, "no", at(1));
        assertThat(book.snapshot(odd).orElseThrow().errorCount()).isEqualTo(1);
        assertThat(book.endpointFor(odd, Endpoint.CHAT_COMPLETIONS))
                .as("nothing known to work: the default, to fail and be counted").isEqualTo(Endpoint.CHAT_COMPLETIONS);

        for (int i = 0; i < 4; i++) {
            book.recordError(odd, Endpoint.CHAT_COMPLETIONS, ErrorClass.ENDPOINT_UNSUPPORTED, "no", at(2 + i));
        }

        assertThat(book.snapshot(odd).orElseThrow().blacklisted()).isTrue();
    }

    @Test
    void aSuccessOnTheDefaultDoesNotInventAPreference() {
        HintKey plain = new HintKey("openai", "gpt-4o");

        book.recordSuccess(plain, Endpoint.CHAT_COMPLETIONS, at(0));

        assertThat(book.snapshot(plain).orElseThrow().preferredEndpoint()).isNull();
        assertThat(book.snapshot(plain).orElseThrow().supportedEndpoints()).containsExactly(Endpoint.CHAT_COMPLETIONS);
    }

    @Test
    void unseenModelsAreAllowedOnTheDefaultAndCostNothing() {
        HintKey unseen = new HintKey("anthropic", "claude-x");

        assertThat(book.admit(unseen, T0)).isEqualTo(HintAdmission.ALLOWED);
        assertThat(book.endpointFor(unseen, Endpoint.MESSAGES)).isEqualTo(Endpoint.MESSAGES);
        assertThat(book.snapshots()).isEmpty();
    }

    @Test
    void changesAreDrainedOnceForTheBatchWriter() {
        book.recordSuccess(MODEL, Endpoint.CHAT_COMPLETIONS, at(0));
        book.recordError(MODEL, Endpoint.CHAT_COMPLETIONS, ErrorClass.UPSTREAM_ERROR, "502", at(1));

        assertThat(book.drainDirty()).singleElement().satisfies(s -> {
            assertThat(s.successCount()).isEqualTo(1);
            assertThat(s.errorCount()).isEqualTo(1);
            assertThat(s.version()).isEqualTo(2);
        });
        assertThat(book.drainDirty()).isEmpty();

        book.admit(MODEL, at(2));
        assertThat(book.drainDirty()).as("admitting changes nothing to persist").isEmpty();
    }

    @Test
    void aPersistedHintIsRestoredAndTheNewerVersionWins() {
        failTimes(5, ErrorClass.MODEL_NOT_FOUND, 0);
        HintSnapshot saved = book.drainDirty().get(0);

        HintBook restarted = new HintBook(HintConfig.defaults());
        assertThat(restarted.load(saved)).isTrue();

        assertThat(restarted.snapshot(MODEL)).contains(saved);
        assertThat(restarted.admit(MODEL, at(10))).isEqualTo(HintAdmission.BLACKLISTED);
        assertThat(restarted.drainDirty()).as("loaded state is already persisted").isEmpty();

        // an admin cleared it through another instance
        HintBook other = new HintBook(HintConfig.defaults());
        other.load(saved);
        other.clear(MODEL, at(20));
        HintSnapshot cleared = other.drainDirty().get(0);
        assertThat(restarted.load(cleared)).isTrue();
        assertThat(restarted.admit(MODEL, at(21))).isEqualTo(HintAdmission.ALLOWED);
        assertThat(restarted.load(saved)).as("older").isFalse();
    }

    @Test
    void aRowWithoutVersionWinsWhenItIsLater() {
        failTimes(5, ErrorClass.MODEL_NOT_FOUND, 0); // local version 5
        HintSnapshot clearedElsewhere = new HintSnapshot(MODEL, 0, 0, null, null, null, null, null,
                false, null, null, false, at(60), 0);

        assertThat(book.load(clearedElsewhere)).isTrue();
        assertThat(book.admit(MODEL, at(61))).isEqualTo(HintAdmission.ALLOWED);
    }

    @Test
    void longMessagesAreCut() {
        book.recordError(MODEL, null, ErrorClass.BAD_REQUEST, "x".repeat(10_000), at(0));

        assertThat(book.snapshot(MODEL).orElseThrow().lastErrorMessage()).hasSize(ModelHintState.MAX_MESSAGE_LENGTH);
    }
}
