package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The two /proc/drbd states of the Chef guide, rendered by ProcDrbdWriter from the simulation and matched line by
 * line (counters and speeds only by shape).
 */
class ChefProcStatesTest {
    /** The guide's device shows 15,372 MiB; its backing disk also holds 520 KiB of internal meta data. */
    private static final long SIZE = (15372L << 20) + (1L << 20);

    @Test
    void syncSourceAtNineteenPointFivePercentOfA15GiBResource() {
        Pairs p = Pairs.of("8.4", "8.4.11", SIZE).upFresh();
        p.forcePrimary("be1");
        Duration spent = Duration.ZERO;
        while (!p.proc("be1").contains("(12388/15372)M")) {
            assertThat(spent).as(p.events()).isLessThan(Duration.ofMinutes(10));
            p.cluster.time().advance(Duration.ofMillis(100));
            spent = spent.plusMillis(100);
        }
        String[] lines = p.proc("be1").split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).isEqualTo("version: 8.4.11 (api:1/proto:86-101)");
        assertThat(lines[1]).startsWith("GIT-hash: ");
        assertThat(lines[2]).isEqualTo(" 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----");
        assertThat(lines[3]).matches("    ns:\\d+ nr:0 dw:0 dr:\\d+ al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:\\d+");
        assertThat(lines[4]).isEqualTo("\t[==>.................] sync'ed: 19.5% (12388/15372)M");
        String target = p.proc("be2");
        assertThat(target).contains("\t[==>.................] sync'ed: 19.5% (12388/15372)M\n");
        // about 40 MiB/s (8.4.11's max-buffers cap; whole-second marks round up); want: the dynamic controller's rate,
        // which that cap bounds too (real-drbd-testbed.md: not c-max-rate)
        assertThat(target)
                .containsPattern("\tfinish: 0:0\\d:\\d\\d speed: 4\\d,\\d{3} \\(4\\d,\\d{3}\\) want: 40,960 K/sec");
        // 746 steps of 100 ms, 4 MiB each: (15372 - 12388) / 4
        assertThat(spent).isEqualTo(Duration.ofMillis(74_600));
    }

    @Test
    void survivorOfAPrimaryLostMidSync() {
        Pairs p = Pairs.of("8.4", "8.4.11", SIZE).upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofMinutes(1));
        p.cluster.stop("be1");
        String[] lines = p.proc("be2").split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[2]).isEqualTo(" 0: cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown C r-----");
        assertThat(lines[3]).matches("    ns:0 nr:\\d+ dw:\\d+ dr:0 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:\\d+");
        assertThat(p.node("be2").oosKiB()).isEqualTo((15372L << 10) + 504 - 60L * 40960);
        assertThat(p.run("be1", "cat", "/proc/drbd").exitCode()).isEqualTo(255);
    }
}
