package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testkit.internal.host.ChefServerCtl;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keepalived election as the simulated pair models it for a planned switchover (chef-ha-procedures W2): stopping
 * keepalived on the master makes the peer master, starting it again keeps it backup (nopreempt).
 */
class KeepalivedElectionTest {
    private static final String DATA = "/var/opt/opscode/drbd/data";
    private static final String READY = "/var/opt/opscode/drbd/drbd_ready";
    private static final String CURRENT = "/var/opt/opscode/keepalived/current_cluster_status";

    /** @return a synced pair with be1 master and be2 backup, as failover setup leaves it */
    private static Pairs setUp(String dialect) {
        Pairs p = Pairs.of(dialect).synced();
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.ok("be1", "mkdir", "-p", DATA);
        p.ok("be1", "mount", "/dev/drbd0", DATA);
        p.ok("be1", "touch", READY);
        p.ok("be1", "chef-server-ctl", "reconfigure");
        p.advanceUntil(() -> p.node("be2").disk().label().equals("UpToDate"), Duration.ofMinutes(10));
        p.ok("be2", "touch", READY);
        p.ok("be2", "chef-server-ctl", "reconfigure");
        assertThat(status(p, "be1")).isEqualTo("master");
        assertThat(status(p, "be2")).isEqualTo("backup");
        return p;
    }

    private static String status(Pairs p, String host) {
        return p.ok(host, "cat", CURRENT).stdoutText().strip();
    }

    private static boolean mounted(Pairs p, String host) {
        return p.run(host, "mountpoint", "-q", DATA).exitCode() == 0;
    }

    private static boolean haServicesRun(Pairs p, String host) {
        return ChefServerCtl.HA_SERVICES.stream().allMatch(p.node(host).host().chef()::running);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void stoppingKeepalivedOnTheMasterMakesTheRunningPeerMaster(String dialect) {
        Pairs p = setUp(dialect);

        p.ok("be1", "chef-server-ctl", "stop", "keepalived");

        assertThat(p.state("be2")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThat(mounted(p, "be2")).isTrue();
        assertThat(status(p, "be2")).isEqualTo("master");
        assertThat(haServicesRun(p, "be2")).isTrue();
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(mounted(p, "be1")).isFalse();
        assertThat(status(p, "be1")).isEqualTo("backup");
        assertThat(p.node("be1").host().chef().running("keepalived")).isFalse();
        assertThat(p.node("be2").host().events()).anyMatch(e -> e.contains("no adverts from be1 -> MASTER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void startingKeepalivedWhileThePeerIsMasterKeepsItBackupAndFailbackSwapsAgain(String dialect) {
        Pairs p = setUp(dialect);
        p.ok("be1", "chef-server-ctl", "stop", "keepalived");

        p.ok("be1", "chef-server-ctl", "start", "keepalived");

        assertThat(p.node("be1").host().chef().running("keepalived")).isTrue();
        assertThat(status(p, "be1")).isEqualTo("backup");
        assertThat(status(p, "be2")).isEqualTo("master");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Primary/Secondary");

        p.ok("be2", "chef-server-ctl", "stop", "keepalived");
        p.ok("be2", "chef-server-ctl", "start", "keepalived");

        assertThat(status(p, "be1")).isEqualTo("master");
        assertThat(status(p, "be2")).isEqualTo("backup");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThat(mounted(p, "be1")).isTrue();
        assertThat(haServicesRun(p, "be1")).isTrue();
        assertThat(p.cluster.dataLossDetector().report()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4"})
    void stoppingKeepalivedOnTheBackupLeavesTheMasterAlone(String dialect) {
        Pairs p = setUp(dialect);

        p.ok("be2", "chef-server-ctl", "stop", "keepalived");

        assertThat(status(p, "be1")).isEqualTo("master");
        assertThat(status(p, "be2")).isEqualTo("backup");
        assertThat(p.node("be1").host().events()).noneMatch(e -> e.contains("keepalived:"));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4"})
    void withoutKeepalivedOnThePeerNobodyBecomesMaster(String dialect) {
        Pairs p = setUp(dialect);
        p.ok("be2", "chef-server-ctl", "stop", "keepalived");

        p.ok("be1", "chef-server-ctl", "stop", "keepalived");

        assertThat(status(p, "be1")).isEqualTo("backup");
        assertThat(status(p, "be2")).isEqualTo("backup");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Secondary");
        assertThat(mounted(p, "be2")).isFalse();

        p.ok("be2", "chef-server-ctl", "start", "keepalived");
        assertThat(status(p, "be2")).isEqualTo("backup");
    }
}
