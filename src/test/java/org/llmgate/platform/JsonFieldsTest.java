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
}
