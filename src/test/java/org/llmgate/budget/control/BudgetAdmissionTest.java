package org.llmgate.budget.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.llmgate.budget.entity.Budget;
import org.llmgate.budget.entity.Payer;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.CourseView;
import org.llmgate.config.control.LlmConfigView;

/**
 * Admission with an injected clock: which ledger rows a reservation lands on (so a new period
 * starts from zero), the worst case it reserves, and the message a refusal gives the student.
 */
class BudgetAdmissionTest {

    static final Payer ALICE = new Payer(1, 10L, 100L, "alice");
    static final Budget COURSE_MONTH = new Budget(7L, 1L, 10L, null, false, "month", new BigDecimal("5000"), null);
    static final Budget STUDENT_WEEK = new Budget(8L, 1L, null, null, true, "week", null, 20_000L);
    static final LlmConfigView PAID = new LlmConfigView(3L, 1L, "paid", "openai", 1L, "gpt", null, null, 10,
            new BigDecimal("100000"), new BigDecimal("100000"), null);
    static final LlmConfigView FREE = new LlmConfigView(4L, 1L, "free", "openrouter", 1L, "m:free", null, null, null, null, null, null);

    final List<List<UsageKey>> reserved = new ArrayList<>();
    final List<BigDecimal> reservedCents = new ArrayList<>();
    int refuseAt = -1;
    BudgetAdmission admission;

    @BeforeEach
    void wire() {
        admission = new BudgetAdmission();
        admission.book = new BudgetBook() {
            @Override
            public List<Budget> covering(Payer payer) {
                return List.of(COURSE_MONTH, STUDENT_WEEK);
            }
        };
        admission.leases = new BudgetLeases() {
            @Override
            public int reserve(List<Budget> budgets, List<UsageKey> keys, Amount need) {
                reserved.add(keys);
                reservedCents.add(need.cents());
                return refuseAt;
            }
        };
        admission.calendar = new BudgetCalendar();
        admission.messages = new BudgetMessages();
        admission.messages.calendar = admission.calendar;
        admission.messages.cache = new ConfigCache() {
            @Override
            public ConfigSnapshot snapshot() {
                return new ConfigSnapshot(1, Map.of(), Map.of(10L, new CourseView(10L, 1L, "Programming 1", null)),
                        Map.of(), Map.of(), Map.of(), Map.of());
            }
        };
    }

    void at(String instant, String zone) {
        admission.calendar.use(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), ZoneId.of(zone));
    }

    @Test
    void the_last_second_of_a_month_and_the_first_of_the_next_land_on_different_rows() {
        at("2026-11-30T23:59:59Z", "UTC");
        admission.admit(ALICE, PAID, 9);
        at("2026-12-01T00:00:00Z", "UTC");
        admission.admit(ALICE, PAID, 9);

        assertThat(reserved.get(0)).containsExactly(
                new UsageKey(7, Instant.parse("2026-11-01T00:00:00Z"), ""),
                new UsageKey(8, Instant.parse("2026-11-30T00:00:00Z"), "alice"));
        assertThat(reserved.get(1)).containsExactly(
                new UsageKey(7, Instant.parse("2026-12-01T00:00:00Z"), ""),
                new UsageKey(8, Instant.parse("2026-11-30T00:00:00Z"), "alice"));
    }

    @Test
    void periods_follow_the_configured_time_zone() {
        // 23:30 UTC on 30 November is already 1 December in Berlin
        at("2026-11-30T23:30:00Z", "Europe/Berlin");
        admission.admit(ALICE, PAID, 9);
        assertThat(reserved.get(0).get(0).periodStart()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
    }

    @Test
    void a_paid_hop_reserves_its_worst_case_and_a_free_one_tokens_only() {
        at("2026-11-30T12:00:00Z", "UTC");
        assertThat(admission.admit(ALICE, PAID, 9)).isInstanceOf(BudgetDecision.Granted.class);
        admission.admit(ALICE, FREE, 9);
        assertThat(reservedCents.get(0)).isEqualByComparingTo("1.9");
        assertThat(reservedCents.get(1)).isEqualByComparingTo("0");
    }

    @Test
    void a_refusal_names_the_budget_and_when_it_resets() {
        at("2026-11-30T12:00:00Z", "UTC");
        refuseAt = 0;
        BudgetDecision decision = admission.admit(ALICE, PAID, 9);
        assertThat(decision).isEqualTo(new BudgetDecision.Refused(7,
                "Course 'Programming 1' has used its monthly budget of 50.00; it resets on 2026-12-01 00:00 UTC"));
        refuseAt = 1;
        assertThat(((BudgetDecision.Refused) admission.admit(ALICE, PAID, 9)).message())
                .isEqualTo("You have used your weekly allowance of 20000 tokens for organization '#1'; it resets on 2026-12-07 00:00 UTC");
    }
}
