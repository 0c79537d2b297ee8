package org.llmgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void each_input_is_computed_once_and_then_answered_from_memory() {
        AtomicInteger computed = new AtomicInteger();
        BoundedMemo<String, String> upper = new BoundedMemo<>(8, text -> {
            computed.incrementAndGet();
            return text.toUpperCase();
        });

        assertThat(upper.get("a")).isEqualTo("A");
        assertThat(upper.get("a")).isEqualTo("A");
        assertThat(upper.get("b")).isEqualTo("B");
        assertThat(computed).hasValue(2);
        assertThat(upper.size()).isEqualTo(2);
    }

    @Test
    void a_computation_that_throws_keeps_nothing_and_throws_again() {
        AtomicInteger computed = new AtomicInteger();
        BoundedMemo<String, String> failing = new BoundedMemo<>(8, text -> {
            computed.incrementAndGet();
            throw new IllegalArgumentException("bad " + text);
        });

        assertThatThrownBy(() -> failing.get("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> failing.get("x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(computed).hasValue(2);
        assertThat(failing.size()).isZero();
    }

    @Test
    void past_its_bound_it_keeps_nothing_more_and_still_answers() {
        BoundedMemo<Integer, Integer> doubled = new BoundedMemo<>(16, n -> 2 * n);

        for (int i = 0; i < 100; i++) {
            assertThat(doubled.get(i)).isEqualTo(2 * i);
        }
        assertThat(doubled.size()).isEqualTo(16);
    }
}
