package org.llmgate.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PendingRowsTest {

    @Test
    void past_its_capacity_new_rows_are_dropped_and_counted() {
        PendingRows<Integer> rows = new PendingRows<>(3);
        for (int i = 1; i <= 5; i++) {
            rows.add(i);
        }
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.dropped()).isEqualTo(2);
        assertThat(rows.take(10)).containsExactly(1, 2, 3);
    }

    @Test
    void rows_that_could_not_be_written_go_back_in_front_in_order() {
        PendingRows<Integer> rows = new PendingRows<>(10);
        List.of(1, 2, 3, 4).forEach(rows::add);
        List<Integer> batch = rows.take(2);
        rows.add(5);

        rows.putBack(batch);

        assertThat(rows.take(10)).containsExactly(1, 2, 3, 4, 5);
        assertThat(rows.isEmpty()).isTrue();
    }
}
