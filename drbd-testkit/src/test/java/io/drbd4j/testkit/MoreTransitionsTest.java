package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Further rows of drbd-state-machine §2 and §4, including the 8.3 forms where they differ. */
class MoreTransitionsTest {
    @Test
    void drbd83PrintsItsOwnDrbdsetupArgvAndVersionHeader() {
        Pairs p = Pairs.of("8.3").synced();
        assertThat(p.proc("be1")).startsWith("version: 8.3.16 (api:88/proto:86-97)\n");
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.ok("be1", "mkdir", "-p", "/var/opt/opscode/drbd/data");
        p.ok("be1", "mount", "/dev/drbd0", "/var/opt/opscode/drbd/data");
        CommandResult r = p.run("be1", "drbdadm", "secondary", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-12) Device is held open by someone\n"
                        + "Command 'drbdsetup-83 0 secondary' terminated with exit code 11\n");
        CommandResult two = p.run("be2", "drbdadm", "primary", "pc0");
        assertThat(two.stderrText())
                .isEqualTo("0: State change failed: (-1) Multiple primaries not allowed by config\n"
                        + "Command 'drbdsetup-83 0 primary' terminated with exit code 11\n");
    }

    @Test
    void aDrbdDeviceOpensOnlyOnThePrimary() {
        Pairs p = Pairs.of("8.4").synced();
        assertThat(p.run("be2", "mkfs.ext4", "-q", "/dev/drbd0").exitCode()).isNotZero();
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        assertThat(p.node("be1").host().device("/dev/drbd0").orElseThrow().volume())
                .isPresent();
        assertThat(p.node("be2").host().device("/dev/drbd0").orElseThrow().volume())
                .isPresent();
    }

    @Test
    void forcedPrimaryOfTheSurvivorOfALostSyncSource() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.stop("be1");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.run("be2", "drbdadm", "primary", "pc0").exitCode()).isEqualTo(17);
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("Forced to consider local data as UpToDate!"));
    }

    @Test
    void aSyncTargetCanBePromotedAndKeepsSyncing() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "primary", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Primary/Secondary ds:Inconsistent/UpToDate");
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofMinutes(1));
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
    }

    @Test
    void twoPrimariesAtReconnectEndBothStandAlone() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.link(false);
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.link(true);
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown");
    }

    @Test
    void detachOfAPrimaryNeedsUpToDateDataElsewhere() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "detach", "pc0");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:Diskless/UpToDate");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/Diskless");
        Pairs q = Pairs.of("8.4").synced();
        q.ok("be2", "drbdadm", "disconnect", "pc0");
        CommandResult r = q.run("be1", "drbdadm", "detach", "pc0");
        assertThat(r.exitCode()).isEqualTo(17);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-2) Need access to UpToDate data\n"
                        + "Command 'drbdsetup-84 detach 0' terminated with exit code 17\n");
    }

    @Test
    void invalidateRemoteNeedsAConnection() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "invalidate-remote", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncSource ro:Secondary/Primary ds:UpToDate/Inconsistent");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        CommandResult r = p.run("be2", "drbdadm", "invalidate-remote", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-15) Need a connection to start verify or resync\n"
                        + "Command 'drbdsetup-84 invalidate-remote 0' terminated with exit code 11\n");
    }

    @Test
    void outdateOfAPrimaryOrAnInconsistentDisk() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        CommandResult inconsistent = p.run("be1", "drbdadm", "outdate", "pc0");
        assertThat(inconsistent.exitCode()).isEqualTo(5);
        assertThat(inconsistent.stderrText())
                .isEqualTo("Device '0' is configured!\n"
                        + "Command 'drbdmeta 0 v08 /dev/opscode/drbd internal outdate' terminated with exit code 20\n");
        p.ok("be1", "drbdadm", "primary", "--force", "pc0");
        CommandResult primary = p.run("be1", "drbdadm", "outdate", "pc0");
        assertThat(primary.exitCode()).isEqualTo(17);
        assertThat(primary.stderrText()).isEmpty();
    }

    @Test
    void connectOnADownResourceIsAnUnknownResource() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "connect", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText())
                .startsWith("pc0: Failure: (158) Unknown resource\nadditional info from kernel:\nunknown resource\n");
    }

    @Test
    void downEndsUnconfiguredAndThePeerWaits() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "down", "pc0");
        assertThat(p.proc("be1")).doesNotContain(" 0: ");
        // the 8.4 kernel freed the minor: (127), exit 10 (real-drbd-testbed.md; QueryRowsTest)
        assertThat(p.run("be1", "drbdadm", "role", "pc0").exitCode()).isEqualTo(10);
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate");
    }

    @Test
    void aSyncedPairLosesItsPrimaryAndTheOldPrimaryReturnsAsSyncTarget() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.stop("be1");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be2", 40960);
        p.cluster.start("be1");
        assertThat(p.proc("be1")).doesNotContain(" 0: ");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be1").oosKiB()).isEqualTo(40960);
        p.advanceUntil(() -> p.node("be1").oosKiB() == 0, Duration.ofSeconds(10));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("be1: powered on"));
    }
}
