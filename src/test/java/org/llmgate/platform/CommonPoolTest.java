package org.llmgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPoolTest {

    @Test
    void one_worker_is_a_thread_per_upstream_call_and_start_up_says_which_option_fixes_it() {
        assertThat(CommonPool.advice(1)).hasValueSatisfying(advice -> assertThat(advice)
                .contains("a new thread for every upstream call").contains(CommonPool.OPTION));
        assertThat(CommonPool.advice(2)).isEmpty();
        assertThat(CommonPool.advice(15)).isEmpty();
    }
}
