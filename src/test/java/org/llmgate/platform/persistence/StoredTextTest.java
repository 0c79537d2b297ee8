package org.llmgate.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTest {

    @Test
    void nul_and_other_control_characters_are_removed_newlines_and_tabs_stay() {
        assertThat(StoredText.clean("bad\u0000key\u0007 \u001b[0mhere\n\tnext\u007f", 100)).isEqualTo("badkey [0mhere\n\tnext");
    }

    @Test
    void long_text_is_cut_to_the_column_without_splitting_a_surrogate_pair() {
        assertThat(StoredText.clean("abcdef", 4)).isEqualTo("abc…").hasSize(4);
        assertThat(StoredText.clean("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(StoredText.clean("abcd", 4)).isEqualTo("abcd");
    }

    @Test
    void lone_surrogates_are_removed_and_null_stays_null() {
        assertThat(StoredText.clean("a\uD83Db\uDE00c", 10)).isEqualTo("abc");
        assertThat(StoredText.clean(null, 10)).isNull();
    }
}
