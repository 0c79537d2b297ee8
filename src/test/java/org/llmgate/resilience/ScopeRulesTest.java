package org.llmgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.llmgate.providers.ErrorClass;

class ScopeRulesTest {

    private static final HopTarget PAID = new HopTarget("openrouter", 12, "https://openrouter.ai/api/v1", "vendor/x", false);
    private static final HopTarget FREE = new HopTarget("openrouter", 12, "https://openrouter.ai/api/v1", "vendor/y:free", true);

    @ParameterizedTest
    @EnumSource(value = ErrorClass.class, names = {"RATE_LIMITED", "UPSTREAM_ERROR", "OVERLOADED", "TIMEOUT",
            "EMPTY_RESPONSE", "STREAM_INTERRUPTED"})
    void transientFailuresRetireTheModelForThisRequest(ErrorClass cls) {
        Retirement r = ScopeRules.retirementFor(cls, PAID).orElseThrow();
        assertThat(r.scope()).isEqualTo(PAID.modelScope());
        assertThat(r.permanent()).isFalse();
        assertThat(r.withinRequest()).isTrue();
    }

    @Test
    void unreachableRetiresTheBaseUrl() {
        Retirement r = ScopeRules.retirementFor(ErrorClass.UNREACHABLE, PAID).orElseThrow();
        assertThat(r.scope()).isEqualTo(ScopeKey.endpoint("https://openrouter.ai/api/v1"));
        assertThat(r.permanent()).isFalse();
        assertThat(r.withinRequest()).isTrue();
    }

    @Test
    void permanentClassesRetireTheirScopes() {
        assertThat(ScopeRules.retirementFor(ErrorClass.AUTH_ERROR, FREE).orElseThrow())
                .isEqualTo(new Retirement(FREE.credentialScope(), ErrorClass.AUTH_ERROR, true, true));
        assertThat(ScopeRules.retirementFor(ErrorClass.CREDIT_EXHAUSTED, PAID).orElseThrow())
                .isEqualTo(new Retirement(PAID.creditScope(), ErrorClass.CREDIT_EXHAUSTED, true, true));
        assertThat(ScopeRules.retirementFor(ErrorClass.MODEL_NOT_FOUND, PAID).orElseThrow())
                .isEqualTo(new Retirement(PAID.modelScope(), ErrorClass.MODEL_NOT_FOUND, true, true));
    }

    @Test
    void aFreeModelOutOfCreditRetiresThatModelOnlyNotItsFreeSiblings() {
        assertThat(ScopeRules.retirementFor(ErrorClass.CREDIT_EXHAUSTED, FREE).orElseThrow().scope())
                .isEqualTo(FREE.modelScope());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorClass.class, names = {"ENDPOINT_UNSUPPORTED", "CONTEXT_LENGTH_EXCEEDED",
            "CONTENT_FILTERED", "BAD_REQUEST"})
    void requestProblemsRetireNothing(ErrorClass cls) {
        assertThat(ScopeRules.retirementFor(cls, PAID)).isEmpty();
    }

    @Test
    void onlyAuthCreditAndModelNotFoundArePermanent() {
        for (ErrorClass cls : ErrorClass.values()) {
            boolean expected = cls == ErrorClass.AUTH_ERROR || cls == ErrorClass.CREDIT_EXHAUSTED
                    || cls == ErrorClass.MODEL_NOT_FOUND;
            assertThat(ScopeRules.isPermanent(cls)).as(cls.wireName()).isEqualTo(expected);
        }
    }
}
