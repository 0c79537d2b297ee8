package org.llmgate.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();

    private void feed(LineSplitter splitter, String text) {
        splitter.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), lines::add);
    }

    @Test
    void lf_cr_and_crlf_end_lines_even_when_split_across_buffers() {
        LineSplitter splitter = new LineSplitter(100);
        feed(splitter, "data: a\r");
        feed(splitter, "\ndata: b\n\ndata: c\rdata: d");
        splitter.finish(lines::add);

        assertThat(lines).containsExactly("data: a", "data: b", "", "data: c", "data: d");
    }

    @Test
    void a_multi_byte_character_split_between_buffers_is_kept_whole() {
        LineSplitter splitter = new LineSplitter(100);
        byte[] bytes = "data: Grüße\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(ByteBuffer.wrap(bytes, 0, 9), lines::add);
        splitter.feed(ByteBuffer.wrap(bytes, 9, bytes.length - 9), lines::add);

        assertThat(lines).containsExactly("data: Grüße");
    }

    @Test
    void a_line_longer_than_the_bound_is_refused_instead_of_buffered() {
        LineSplitter splitter = new LineSplitter(1024);
        feed(splitter, "x".repeat(1024));

        assertThatThrownBy(() -> feed(splitter, "x")).isInstanceOf(LineSplitter.LineTooLong.class)
                .hasMessageContaining("longer than 1024 bytes");
    }

    @Test
    void a_cr_before_a_crlf_is_an_empty_line_and_read_only_direct_buffers_split_alike() {
        LineSplitter splitter = new LineSplitter(100);
        ByteBuffer direct = ByteBuffer.allocateDirect(32);
        direct.put("xxdata: a\r\r\ndata: b\n".getBytes(StandardCharsets.UTF_8)).flip().position(2);
        splitter.feed(direct.asReadOnlyBuffer(), lines::add);

        assertThat(lines).containsExactly("data: a", "", "data: b");
    }
}
