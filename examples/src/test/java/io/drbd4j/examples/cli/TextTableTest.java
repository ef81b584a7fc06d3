package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** How {@link TextTable} wraps cells and prose to fit a width. */
class TextTableTest {
    private static String print(TextTable table, int width) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        table.print(writer, width, Palette.none());
        writer.flush();
        return out.toString();
    }

    @Test
    void wrapsAtSpacesThenAfterSlashesThenMidWord() {
        assertThat(TextTable.wrap("safe: either node can be lost", 12))
                .containsExactly("safe: either", "node can be", "lost");
        assertThat(TextTable.wrap("/var/opt/opscode/drbd/data", 12))
                .containsExactly("/var/opt/", "opscode/", "drbd/data");
        assertThat(TextTable.wrap("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
        assertThat(TextTable.wrap("fits", 4)).containsExactly("fits");
    }

    @Test
    void proseContinuesUnderItsIndent() {
        assertThat(TextTable.wrap("minor 1: one two three four", 14, "   "))
                .containsExactly("minor 1: one", "   two three", "   four");
    }

    @Test
    void shrinkableColumnsWrapBeforeTheOthers() {
        TextTable table = new TextTable("A", "STATE", "NOTE").shrinkable(2);
        table.add("1", "Connected", "one two three four five");

        assertThat(print(table, 24))
                .isEqualTo("A  STATE      NOTE\n1  Connected  one two\n              three four\n              five\n");
    }

    @Test
    void otherColumnsShrinkOnlyWhenTheShrinkableOnesAreAtTheirHeaders() {
        TextTable table = new TextTable("A", "STATE", "NOTE").shrinkable(2);
        table.add("1", "WFConnection", "one two");

        assertThat(print(table, 14)).isEqualTo("A  STATE  NOTE\n1  WFCon  one\n   necti  two\n   on\n");
    }

    @Test
    void headersWiderThanTheWidthStayWhole() {
        TextTable table = new TextTable("MINOR", "STATE").shrinkable(1);
        table.add("0", "Connected");

        assertThat(print(table, 5)).isEqualTo("MINOR  STATE\n0      Conne\n       cted\n");
    }
}
