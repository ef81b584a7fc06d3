package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTest {
    @Test
    void escapesControlCharacters() {
        assertThat(Visible.escape("r---\0")).isEqualTo("r---\\0");
        assertThat(Visible.escape("a\tb\r\nc")).isEqualTo("a\\tb\\r\\nc");
        assertThat(Visible.escape("\u001b[31mred")).isEqualTo("\\x1b[31mred");
        assertThat(Visible.escape("del\u007f")).isEqualTo("del\\x7f");
        assertThat(Visible.escape("c1\u0085")).isEqualTo("c1\\x85");
    }

    @Test
    void escapesInvisibleFormatCharacters() {
        assertThat(Visible.escape("ab\u202ecd")).isEqualTo("ab\\u202ecd");
    }

    @Test
    void keepsPrintableTextAsItIs() {
        String text = "r]\u2014- sync\u2019ed \u2026";

        assertThat(Visible.escape(text)).isSameAs(text);
    }
}
