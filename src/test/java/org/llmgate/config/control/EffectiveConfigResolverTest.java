package org.llmgate.config.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.llmgate.platform.problem.ProblemException;

class EffectiveConfigResolverTest {

    static LlmConfigView config(long id, Long fallback) {
        return new LlmConfigView(id, 1L, "c" + id, "openai", 1L, "m" + id, fallback, null, null, null, null, null);
    }

    static ConfigSnapshot snapshot(Long orgConfig, Long courseConfig, Long homeworkConfig, LlmConfigView... configs) {
        Map<Long, LlmConfigView> byId = new java.util.HashMap<>();
        for (LlmConfigView c : configs) {
            byId.put(c.id(), c);
        }
        return new ConfigSnapshot(1, Map.of(1L, new OrganizationView(1L, "Uni", orgConfig)),
                Map.of(10L, new CourseView(10L, 1L, "Course", courseConfig)),
                Map.of(100L, new HomeworkView(100L, 10L, "Homework", homeworkConfig)),
                byId, Map.of(), Map.of());
    }

    static EffectiveConfig homework(ConfigSnapshot snapshot) {
        return EffectiveConfigResolver.resolve(snapshot, new ChatTarget(ChatTarget.Kind.HOMEWORK, 100)).effective();
    }

    @Test
    void homework_config_wins_then_course_then_organization() {
        LlmConfigView[] all = {config(1, null), config(2, null), config(3, null)};
        assertThat(homework(snapshot(1L, 2L, 3L, all)).source()).isEqualTo("homework");
        assertThat(homework(snapshot(1L, 2L, null, all)).source()).isEqualTo("course");
        assertThat(homework(snapshot(1L, null, null, all))).satisfies(e -> {
            assertThat(e.source()).isEqualTo("organization");
            assertThat(e.config().id()).isEqualTo(1L);
        });
        assertThat(homework(snapshot(null, null, null, all)).configured()).isFalse();
    }

    @Test
    void a_course_and_an_organization_resolve_too() {
        ConfigSnapshot s = snapshot(1L, 2L, 3L, config(1, null), config(2, null), config(3, null));
        assertThat(EffectiveConfigResolver.resolve(s, new ChatTarget(ChatTarget.Kind.COURSE, 10)).effective().source())
                .isEqualTo("course");
        EffectiveConfigResolver.Resolution org = EffectiveConfigResolver.resolve(s, new ChatTarget(ChatTarget.Kind.ORGANIZATION, 1));
        assertThat(org.organizationId()).isEqualTo(1L);
        assertThat(org.effective().config().id()).isEqualTo(1L);
    }

    @Test
    void unknown_targets_are_404() {
        ConfigSnapshot s = snapshot(null, null, null);
        for (ChatTarget target : List.of(new ChatTarget(ChatTarget.Kind.HOMEWORK, 7), new ChatTarget(ChatTarget.Kind.COURSE, 7),
                new ChatTarget(ChatTarget.Kind.ORGANIZATION, 7))) {
            assertThatThrownBy(() -> EffectiveConfigResolver.resolve(s, target))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void the_chain_stops_after_three_hops_and_at_a_cycle() {
        Map<Long, LlmConfigView> five = Map.of(1L, config(1, 2L), 2L, config(2, 3L), 3L, config(3, 4L),
                4L, config(4, 5L), 5L, config(5, null));
        assertThat(FallbackChain.from(five.get(1L), five)).extracting(LlmConfigView::id).containsExactly(1L, 2L, 3L, 4L);

        Map<Long, LlmConfigView> cycle = Map.of(1L, config(1, 2L), 2L, config(2, 1L));
        assertThat(FallbackChain.from(cycle.get(1L), cycle)).extracting(LlmConfigView::id).containsExactly(1L, 2L);

        Map<Long, LlmConfigView> dangling = Map.of(1L, config(1, 99L));
        assertThat(FallbackChain.from(dangling.get(1L), dangling)).extracting(LlmConfigView::id).containsExactly(1L);
    }

    @Test
    void the_openai_model_name_names_the_target() {
        assertThat(ChatTarget.parse("homework:12")).contains(new ChatTarget(ChatTarget.Kind.HOMEWORK, 12));
        assertThat(ChatTarget.parse("Course: 3")).contains(new ChatTarget(ChatTarget.Kind.COURSE, 3));
        assertThat(ChatTarget.parse("organization:1")).contains(new ChatTarget(ChatTarget.Kind.ORGANIZATION, 1));
        for (String bad : new String[] {null, "gpt-4o", "homework:", "homework:x", "homework:0", "homework:-1", "lesson:4"}) {
            assertThat(ChatTarget.parse(bad)).as(bad).isEmpty();
        }
    }
}
