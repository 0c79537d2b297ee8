package org.llmgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UniqueIdsTest {

    @Test
    void ids_are_32_hex_digits_sharing_the_process_prefix() {
        String first = UniqueIds.next();
        String second = UniqueIds.next();
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
        assertThat(second.substring(0, 16)).isEqualTo(first.substring(0, 16));
    }

    @Test
    void ids_from_many_threads_never_repeat() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> ids.add(UniqueIds.next()));
        assertThat(ids).hasSize(200_000);
    }

    @Test
    void the_scramble_keeps_consecutive_counters_apart_and_distinct() {
        Set<Long> seen = new HashSet<>();
        for (long n = 1; n <= 100_000; n++) {
            seen.add(UniqueIds.scramble(n));
        }
        assertThat(seen).hasSize(100_000);
        // consecutive chats do not give neighbouring ids
        assertThat(Long.bitCount(UniqueIds.scramble(1) ^ UniqueIds.scramble(2))).isGreaterThan(16);
    }
}
