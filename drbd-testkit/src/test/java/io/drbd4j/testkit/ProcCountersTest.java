package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The sizes, flags and counters of /proc/drbd as DRBD 8.4.11 showed them (real-drbd-testbed.md): sizes without the
 * internal meta data, a fresh pair wholly out of sync, {@code al:8} and activity-log updates suspended ({@code s})
 * after the first up until a connection, {@code ns}/{@code nr} counted per connection and {@code dw}/{@code dr}/
 * {@code al} per attach.
 */
class ProcCountersTest {
    private static final long MIB_128 = 128L << 20;

    private static String counters(Pairs p, String host) {
        return p.proc(host).split("\n")[3];
    }

    @Test
    void theDeviceIsTheBackingDiskLessItsInternalMetaData() {
        Pairs p = Pairs.of("8.4", "8.4.11", MIB_128).upFresh();
        p.forcePrimary("be1");
        // 128 MiB = 131,072 KiB less 32 KiB activity log, 4 KiB super block and 4 KiB bitmap
        assertThat(p.proc("be2")).contains("/131032)K");
        assertThat(p.node("be1").oosKiB()).isEqualTo(131032);
    }

    @Test
    void aFreshInconsistentPairIsWhollyOutOfSync() {
        Pairs p = Pairs.of("8.4", "8.4.11", MIB_128).upFresh();
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent");
        assertThat(counters(p, "be1")).endsWith(" oos:131032");
        assertThat(counters(p, "be2")).endsWith(" oos:131032");
    }

    @Test
    void theFirstUpWritesTheActivityLogAndSuspendsItsUpdatesUntilAConnection() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).isEqualTo("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown C r----s");
        assertThat(counters(p, "be1")).startsWith("    ns:0 nr:0 dw:0 dr:0 al:8 bm:0 ");
        p.ok("be2", "drbdadm", "create-md", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).endsWith(" C r-----");
        assertThat(p.state("be2")).endsWith(" C r-----");
    }

    @Test
    void networkCountersStartAgainOnTheNodeThatConnectsAndSurviveAReconnect() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.write("be1", 4096);
        assertThat(counters(p, "be1")).doesNotContain(" ns:0 ");
        assertThat(counters(p, "be2")).doesNotContain(" nr:0 ");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "connect", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(counters(p, "be1")).as("be1 only reconnected").doesNotContain(" ns:0 ");
        assertThat(counters(p, "be2")).startsWith("    ns:0 nr:0 ");
        String be2 = counters(p, "be2");
        p.cluster.faults().partition();
        p.cluster.faults().heal();
        assertThat(p.state("be2")).startsWith("cs:Connected");
        assertThat(counters(p, "be2")).as("a reconnect after a network failure").isEqualTo(be2);
    }

    @Test
    void theActivityLogCountStartsWithTheMinorAndOnlyNewMetaDataAddsEightAtAttach() {
        Pairs p = Pairs.of("8.4").synced();
        assertThat(counters(p, "be2")).contains(" al:8 ");
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(counters(p, "be2")).contains(" al:0 ");
    }

    @Test
    void diskCountersStartAgainWithEachAttach() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.write("be1", 4096);
        assertThat(counters(p, "be2")).doesNotContain(" dw:0 ");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "detach", "pc0");
        p.ok("be2", "drbdadm", "attach", "pc0");
        assertThat(counters(p, "be2")).contains(" dw:0 dr:0 al:8 ");
    }
}
