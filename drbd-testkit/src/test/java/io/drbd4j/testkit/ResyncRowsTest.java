package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rows of drbd-state-machine §2.11-2.15 (invalidate, invalidate-remote, outdate, connect --discard-my-data, adjust)
 * not covered by the scenario tests.
 */
class ResyncRowsTest {
    private static final long FULL_KIB = Pairs.GIB_DEVICE_KIB;

    @Test
    void i2InvalidateWhileConnectedIsAFullSyncTarget() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "invalidate", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.node("be2").oosKiB()).isEqualTo(FULL_KIB);
    }

    @Test
    void i3InvalidateWithoutAConnectionPrintsNoCommandLine() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        CommandResult r = p.run("be2", "drbdadm", "invalidate", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-15) Need a connection to start verify or resync\n");
        CommandResult primary = p.run("be1", "drbdadm", "invalidate", "pc0");
        assertThat(primary.exitCode()).isEqualTo(11);
        assertThat(primary.stderrText()).startsWith("0: State change failed: (-15)");
    }

    @Test
    void i5InvalidateOfADownResourceRunsDrbdmetaOffline() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        CommandResult r = p.ok("be2", "drbdadm", "invalidate", "pc0");
        assertThat(r.stderrText()).isEmpty();
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(FULL_KIB);
    }

    @Test
    void i6InvalidateWithAnInconsistentPeerImplicitlyUpgradesThePeer() {
        // read from code, never observed (§2.11 I6): the simulator follows the code path, not a refusal
        Pairs p = Pairs.of("8.4").upFresh();
        p.ok("be2", "drbdadm", "invalidate", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Secondary ds:Inconsistent/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Secondary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("be2: Implicitly upgraded pdsk"));
    }

    @Test
    void ir1InvalidateRemoteWhileConnectedIsAFullSyncSource() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "invalidate-remote", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.node("be2").oosKiB()).isEqualTo(FULL_KIB);
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofHours(1));
    }

    @Test
    void ir4InvalidateRemoteDuringAResyncIsRefusedWithTheCommandLine() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        CommandResult r = p.run("be1", "drbdadm", "invalidate-remote", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-8) Can not start OV/resync since it is already active\n"
                        + "Command 'drbdsetup-84 invalidate-remote 0' terminated with exit code 11\n");
    }

    @Test
    void ir5InvalidateRemoteOnAnInconsistentDiskImplicitlyUpgradesIt() {
        // read from code, never observed (§2.12 IR5)
        Pairs p = Pairs.of("8.4").upFresh();
        p.ok("be1", "drbdadm", "invalidate-remote", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Secondary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Secondary ds:Inconsistent/UpToDate");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("be1: Implicitly upgraded disk"));
    }

    @Test
    void o2OutdateWhileConnectedChangesNothing() {
        Pairs p = Pairs.of("8.4").synced();
        CommandResult r = p.ok("be2", "drbdadm", "outdate", "pc0");
        assertThat(r.stderrText()).isEmpty();
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    @Test
    void o5OutdateTwiceIsNothingToDo() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "outdate", "pc0");
        CommandResult r = p.ok("be2", "drbdadm", "outdate", "pc0");
        assertThat(r.stderrText()).isEmpty();
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown");
    }

    @Test
    void o6OutdateOfADownResourceRunsDrbdmetaOffline() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "drbdadm", "outdate", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Outdated/DUnknown");
        Pairs fresh = Pairs.of("8.4");
        fresh.ok("be1", "drbdadm", "create-md", "pc0");
        CommandResult r = fresh.run("be1", "drbdadm", "outdate", "pc0");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.stderrText()).isEmpty();
    }

    @Test
    void dm2DiscardMyDataIsRefusedOnAPrimary() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        CommandResult r = p.run("be1", "drbdadm", "connect", "--discard-my-data", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText())
                .isEqualTo("pc0: Failure: (123) --discard-my-data not allowed when primary.\n"
                        + "Command 'drbdsetup-84 connect pc0 ipv4:10.0.0.1:7788 ipv4:10.0.0.2:7788 --after-sb-2pri=call-pri-lost-after-sb --after-sb-1pri=discard-secondary"
                        + " --after-sb-0pri=discard-younger-primary --rcvbuf-size=0 --sndbuf-size=0"
                        + " --shared-secret=chef-generated --cram-hmac-alg=sha1 --protocol=C"
                        + " --discard-my-data' terminated with exit code 10\n");
    }

    @Test
    void dm3DiscardMyDataWhenNotStandAloneIsAddressInUse() {
        Pairs p = Pairs.of("8.4").synced();
        CommandResult r = p.run("be2", "drbdadm", "connect", "--discard-my-data", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText()).startsWith("pc0: Failure: (102) Local address(port) already in use.\n");
    }

    @Test
    void aj2AdjustWithNothingChangedRunsNothing() {
        Pairs p = Pairs.of("8.4").synced();
        CommandResult r = p.ok("be2", "drbdadm", "adjust", "pc0");
        assertThat(r.stderrText()).isEmpty();
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    @Test
    void aj3AdjustBringsADownResourceUp() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "drbdadm", "adjust", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    @Test
    void do1ATemporaryResyncRateIsPushedToThePeerButTheControllerIgnoresIt() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.ok("be1", "drbdadm", "disk-options", "--resync-rate=10M", "pc0");
        assertThat(movedInOneSecond(p)).isEqualTo(40960);
        // the SyncTarget adopted 10M: switching it to fixed mode alone shows it
        p.ok("be2", "drbdadm", "disk-options", "--c-plan-ahead=0", "pc0");
        assertThat(movedInOneSecond(p)).isEqualTo(10240);
        assertThat(p.proc("be2")).contains(" want: 10,240 K/sec");
    }

    private static long movedInOneSecond(Pairs p) {
        long before = p.node("be2").oosKiB();
        p.cluster.time().advance(Duration.ofSeconds(1));
        return before - p.node("be2").oosKiB();
    }
}
