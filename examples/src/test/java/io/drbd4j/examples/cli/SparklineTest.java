package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {
    private static ProcDrbdStatus syncing(long speed) {
        String text = "version: 8.4.11 (api:1/proto:86-101)\n"
                + " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
                + "    ns:1 nr:0 dw:0 dr:1 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:5018200\n"
                + "\t[=============>......] sync'ed: 74.4% (4900/19072)M\n"
                + "\tfinish: 0:07:06 speed: " + String.format("%,d", speed) + " (10,992) K/sec\n";
        return ProcDrbdParser.strict().parse(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static ProcDrbdStatus inSync() {
        String text = "version: 8.4.11 (api:1/proto:86-101)\n"
                + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
                + "    ns:1 nr:0 dw:0 dr:1 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";
        return ProcDrbdParser.strict().parse(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void rendersOneBlockPerValueScaledToTheHighest() {
        assertThat(Sparkline.render(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), true))
                .isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(Sparkline.render(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), false))
                .isEqualTo("_.-~=+*#");
        assertThat(Sparkline.render(List.of(0L, 0L), true)).isEqualTo("▁▁");
        assertThat(Sparkline.render(List.of(100L, 50L, 100L), false)).isEqualTo("#=#");
    }

    @Test
    void keepsTheLastReadsOfASyncNewestRightAndForgetsItWhenItEnds() {
        Sparkline speeds = new Sparkline();
        for (int i = 1; i <= Sparkline.WIDTH + 5; i++) {
            speeds.add(syncing(i * 1000L));
        }
        StringWriter text = new StringWriter();
        speeds.print(new PrintWriter(text, true), false);

        String[] lines = text.toString().split("\n");
        assertThat(lines[1]).isEqualTo("Resync speed, one mark per read, newest right:");
        assertThat(lines[2]).startsWith("   0  ").endsWith("  35,000 K/sec");
        String marks = lines[2].substring(6, 6 + Sparkline.WIDTH);
        assertThat(marks).hasSize(Sparkline.WIDTH).endsWith("#").doesNotContain(" ");

        speeds.add(inSync());
        StringWriter none = new StringWriter();
        speeds.print(new PrintWriter(none, true), true);
        assertThat(none.toString()).isEmpty();
    }
}
