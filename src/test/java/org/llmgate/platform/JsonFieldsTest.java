package org.llmgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.llmgate.platform.problem.Problem;
import org.llmgate.platform.problem.ProblemException;

class JsonFieldsTest {

    @Test
    void reads_well_typed_fields() {
        JsonFields fields = JsonFields.parse("{\"name\": \" Lab \", \"id\": 5, \"t\": 0.7, \"price\": 12.5, \"n\": null}");
        assertThat(fields.requiredString("name", 10)).isEqualTo("Lab");
        assertThat(fields.requiredId("id")).isEqualTo(5L);
        assertThat(fields.optionalDouble("t", 0, 2)).isEqualTo(0.7);
        assertThat(fields.optionalDecimal("price", BigDecimal.ZERO, BigDecimal.TEN.pow(3))).isEqualByComparingTo("12.5");
        assertThat(fields.optionalId("n")).isNull();
        fields.validate();
    }

    @Test
    void collects_every_problem_into_one_400() {
        JsonFields fields = JsonFields.parse("{\"name\": 42, \"id\": \"5\", \"t\": 3, \"big\": 1.5, \"blank\": \"  \"}");
        fields.requiredString("name", 10);
        fields.requiredId("id");
        fields.optionalDouble("t", 0, 2);
        fields.optionalInt("big", 1, 10);
        fields.requiredString("blank", 10);
        fields.requiredString("missing", 10);
        assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem().errors()).extracting(Problem.FieldError::field)
                    .containsExactly("name", "id", "t", "big", "blank", "missing");
        });
    }

    @Test
    void refuses_what_is_not_a_json_object() {
        for (String body : new String[] {null, "", "   ", "[1]", "\"x\"", "{\"a\":", "not json"}) {
            assertThatThrownBy(() -> JsonFields.parse(body)).as(String.valueOf(body))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void a_string_longer_than_allowed_is_refused() {
        JsonFields fields = JsonFields.parse("{\"name\": \"abcdef\"}");
        fields.requiredString("name", 5);
        assertThatThrownBy(fields::validate).isInstanceOf(ProblemException.class);
    }

    @Test
    void deep_nesting_is_a_400_before_parsing_and_brackets_inside_strings_do_not_count() {
        assertThatThrownBy(() -> JsonFields.parse("[".repeat(1000) + "]".repeat(1000)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(JsonFields.depthOf("{\"a\": \"[[[[{{{{\\\"\", \"b\": [1, {\"c\": 2}]}")).isEqualTo(3);
        JsonFields.parse("{\"name\": \"" + "[".repeat(100) + "\"}");
    }

    @Test
    void control_characters_in_a_string_are_refused() {
        for (String escaped : new String[] {"\\u0000", "\\u001b", "\\n", "\\u007f", "\\u0085", "\\u2028"}) {
            JsonFields fields = JsonFields.parse("{\"name\": \"a" + escaped + "b\"}");
            assertThat(fields.requiredString("name", 50)).as(escaped).isNull();
            assertThatThrownBy(fields::validate).as(escaped).isInstanceOf(ProblemException.class);
        }
        assertThat(JsonFields.parse("{\"name\": \"Übung 1 – Ψ\"}").requiredString("name", 50)).isEqualTo("Übung 1 – Ψ");
    }

    @Test
    void unknown_fields_are_refused_by_name() {
        JsonFields fields = JsonFields.parse("{\"name\": \"x\", \"fallbackConfig\": 3}").allowOnly(java.util.Set.of("name", "fallbackConfigId"));
        assertThatThrownBy(fields::validate).isInstanceOfSatisfying(ProblemException.class, e ->
                assertThat(e.toProblem().errors()).extracting(Problem.FieldError::field).containsExactly("fallbackConfig"));
    }

    @Test
    void a_resources_fields_are_its_record_components_and_its_write_only_fields() {
        record View(Long id, String name) {
        }
        assertThat(JsonFields.fieldsOf(View.class, "apiKey")).containsExactlyInAnyOrder("id", "name", "apiKey");
    }
}
