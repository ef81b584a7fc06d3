package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows of drbd-state-machine §2, command by command, with exact refusals and exit codes. */
class DrbdTransitionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void createMdWritesMetadataThatDumpMdThenFinds(String dialect) {
        Pairs p = Pairs.of(dialect);
        CommandResult before = p.run("be1", "drbdadm", "dump-md", "pc0");
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.stderrText()).startsWith("No valid meta data found\n");
        // 8.3 has the minor from module load: Unconfigured; 8.4 has none yet: (127), exit 10 (QueryRowsTest)
        assertThat(p.run("be1", "drbdadm", "cstate", "pc0").exitCode()).isEqualTo(dialect.equals("8.3") ? 0 : 10);

        CommandResult created = p.ok("be1", "drbdadm", "create-md", "pc0");
        assertThat(created.stdoutText())
                .startsWith("initializing activity log\n")
                .contains("Writing meta data...\nNew drbd meta data block successfully created.\n");
        assertThat(p.ok("be1", "drbdadm", "dump-md", "pc0").stdoutText()).contains("0x0000000000000004;");
    }

    @Test
    void createMdIsRefusedOnAnAttachedDevice() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "create-md", "pc0");
        assertThat(r.exitCode()).isEqualTo(20);
        assertThat(r.stderrText())
                .isEqualTo(
                        "Device '0' is configured!\n"
                                + "Command 'drbdmeta 0 v08 /dev/opscode/drbd internal create-md' terminated with exit code 20\n");
    }

    @Test
    void upAloneWaitsForTheConnectionAndUpOnBothConnects() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        // s: AL updates suspended while every block is out of sync and no connection came yet (ProcCountersTest)
        assertThat(p.state("be1")).isEqualTo("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown C r----s");
        assertThat(p.cluster
                        .host("be1")
                        .run("ss", "-Hltn", "sport", "=", ":7788")
                        .stdout())
                .contains("7788");
        p.ok("be2", "drbdadm", "create-md", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Secondary ds:Inconsistent/Inconsistent C");
        assertThat(p.ok("be1", "drbdadm", "role", "pc0").stdoutText()).isEqualTo("Secondary/Secondary\n");
        assertThat(p.ok("be1", "drbdadm", "dstate", "pc0").stdoutText()).isEqualTo("Inconsistent/Inconsistent\n");
        assertThat(p.ok("be1", "drbdadm", "cstate", "pc0").stdoutText()).isEqualTo("Connected\n");
    }

    @Test
    void upWithoutMetadataShowsUnconfigured() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "up", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText()).startsWith("No valid meta data found\n");
        assertThat(p.state("be1")).isEqualTo("cs:Unconfigured");
    }

    @Test
    void primaryOnInconsistentDataIsRefusedWithExit17On84() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "primary", "pc0");
        assertThat(r.exitCode()).isEqualTo(17);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-2) Need access to UpToDate data\n"
                        + "Command 'drbdsetup-84 primary 0' terminated with exit code 17\n");
    }

    @Test
    void primaryForceIsEatenBy83AndRefusedAsPlainPrimary() {
        Pairs p = Pairs.of("8.3").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "primary", "--force", "pc0");
        assertThat(r.exitCode()).isEqualTo(17);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-2) Need access to UpToDate data\n"
                        + "Command 'drbdsetup-83 0 primary' terminated with exit code 17\n");
        p.ok("be1", "drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void forcedPrimaryOnAFreshPairRunsAFullSyncToUpToDate(String dialect) {
        Pairs p = Pairs.of(dialect).upFresh();
        p.forcePrimary("be1");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C");
        assertThat(p.node("be2").oosKiB()).isEqualTo(Pairs.GIB_DEVICE_KIB);
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofMinutes(10));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C");
        assertThat(p.node("be2").currentUuid()).isEqualTo(p.node("be1").currentUuid() & ~1L);
        assertThat(p.node("be1").bitmapUuid()).isZero();
    }

    @Test
    void secondPrimaryIsRefused() {
        Pairs p = Pairs.of("8.4").synced();
        CommandResult r = p.run("be2", "drbdadm", "primary", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-1) Multiple primaries not allowed by config\n"
                        + "Command 'drbdsetup-84 primary 0' terminated with exit code 11\n");
    }

    @Test
    void secondaryIsRefusedWhileMountedAndDataReachesThePeer() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.ok("be1", "mkdir", "-p", "/mnt/data");
        p.ok("be1", "mount", "/dev/drbd0", "/mnt/data");
        p.ok("be1", "touch", "/mnt/data/hello");
        assertThat(p.run("be2", "mount", "/dev/drbd0", "/mnt").exitCode()).isNotZero();
        CommandResult r = p.run("be1", "drbdadm", "secondary", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-12) Device is held open by someone\n"
                        + "Command 'drbdsetup-84 secondary 0' terminated with exit code 11\n");
        CommandResult down = p.run("be1", "drbdadm", "down", "pc0");
        assertThat(down.exitCode()).isEqualTo(11);
        assertThat(down.stderrText())
                .isEqualTo("pc0: State change failed: (-12) Device is held open by someone\n"
                        + "additional info from kernel:\nfailed to demote\n"
                        + "Command 'drbdsetup-84 down pc0' terminated with exit code 11\n");
        p.ok("be1", "umount", "/mnt/data");
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.ok("be2", "mkdir", "-p", "/mnt/data");
        p.ok("be2", "mount", "/dev/drbd0", "/mnt/data");
        p.ok("be2", "test", "-e", "/mnt/data/hello");
    }

    @Test
    void connectIsRefusedUnlessStandAloneAndDisconnectOnStandAloneFails() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "connect", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText())
                .isEqualTo("pc0: Failure: (102) Local address(port) already in use.\n"
                        + "Command 'drbdsetup-84 connect pc0 ipv4:10.0.0.1:7788 ipv4:10.0.0.2:7788 --after-sb-2pri=call-pri-lost-after-sb --after-sb-1pri=discard-secondary"
                        + " --after-sb-0pri=discard-younger-primary --rcvbuf-size=0 --sndbuf-size=0"
                        + " --shared-secret=chef-generated --cram-hmac-alg=sha1 --protocol=C'"
                        + " terminated with exit code 10\n");
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        // sanitize_state keeps an Inconsistent peer disk while not connected (§1.6 rule 1)
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/Inconsistent");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/Inconsistent");
        CommandResult again = p.run("be1", "drbdadm", "disconnect", "pc0");
        assertThat(again.exitCode()).isEqualTo(10);
        assertThat(again.stderrText())
                .isEqualTo("??: Failure: (162) Invalid configuration request\nadditional info from kernel:\n"
                        + "unknown connection\nCommand 'drbdsetup-84 disconnect ipv4:10.0.0.1:7788"
                        + " ipv4:10.0.0.2:7788' terminated with exit code 10\n");
        p.ok("be1", "drbdadm", "connect", "pc0");
        assertThat(p.state("be1")).startsWith("cs:Connected");
    }

    @Test
    void reconnectAfterWritesRunsABitmapResync() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown");
        p.cluster.write("be1", 8192);
        assertThat(p.node("be1").oosKiB()).isEqualTo(8192);
        p.ok("be1", "drbdadm", "connect", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(8192);
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofSeconds(10));
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    @Test
    void twoDivergedPrimariesDemotedBeforeReconnectDiscardTheYoungerPrimary() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.link(false);
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be1", 4096);
        p.cluster.write("be2", 8192);
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "secondary", "pc0");
        p.cluster.link(true);
        // rule 90, 0 primaries: after-sb-0pri discard-younger-primary discards be2, promoted during the split (§3.5)
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Secondary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Secondary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(4096 + 8192);
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith(
                        "be2: Split-Brain detected, 0 primaries, automatically solved. Sync from peer node"));
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofMinutes(1));
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate");
    }

    @Test
    void verifyNeedsAVerifyAlgorithm() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "verify", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-14) Need a verify algorithm to start online verify\n"
                        + "Command 'drbdsetup-84 verify 0' terminated with exit code 11\n");
    }

    @Test
    void pauseAndResumeSync() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.ok("be2", "drbdadm", "pause-sync", "pc0");
        assertThat(p.state("be2")).isEqualTo("cs:PausedSyncT ro:Secondary/Primary ds:Inconsistent/UpToDate C r--u--");
        assertThat(p.state("be1")).isEqualTo("cs:PausedSyncS ro:Primary/Secondary ds:UpToDate/Inconsistent C r-p---");
        long oos = p.node("be2").oosKiB();
        p.cluster.time().advance(Duration.ofSeconds(5));
        assertThat(p.node("be2").oosKiB()).isEqualTo(oos);
        CommandResult twice = p.run("be2", "drbdadm", "pause-sync", "pc0");
        assertThat(twice.exitCode()).isEqualTo(10);
        assertThat(twice.stderrText())
                .isEqualTo("0: Failure: (134) Sync-pause flag is already set\n"
                        + "Command 'drbdsetup-84 pause-sync 0' terminated with exit code 10\n");
        CommandResult byPeer = p.run("be1", "drbdadm", "resume-sync", "pc0");
        assertThat(byPeer.stderrText())
                .startsWith("0: Failure: (157) Sync-pause flag is already cleared.\n"
                        + "Note: Resync pause caused by the peer node.\n");
        p.ok("be2", "drbdadm", "resume-sync", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget");
        assertThat(p.run("be2", "drbdadm", "resume-sync", "pc0").stderrText())
                .startsWith("0: Failure: (135) Sync-pause flag is already cleared\n");
    }

    @Test
    void newCurrentUuidClearBitmapSkipsTheInitialSync() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.ok("be1", "drbdadm", "new-current-uuid", "--clear-bitmap", "pc0/0");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate");
        p.ok("be2", "drbdadm", "primary", "pc0");
    }

    @Test
    void invalidateOnAStandAloneSecondaryMakesItAFullSyncTarget() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "invalidate", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        p.ok("be2", "drbdadm", "connect", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(Pairs.GIB_DEVICE_KIB);
        CommandResult again = p.run("be2", "drbdadm", "invalidate", "pc0");
        assertThat(again.exitCode()).isEqualTo(11);
        assertThat(again.stderrText())
                .isEqualTo("0: State change failed: (-8) Can not start OV/resync since it is already active\n");
    }

    @Test
    void outdateMakesAPlainPrimaryFail() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "outdate", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown");
        assertThat(p.run("be2", "drbdadm", "primary", "pc0").exitCode()).isEqualTo(17);
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown");
    }

    @Test
    void commandsOnADownResourceFailWithMinorNotAllocated() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "secondary", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText())
                .isEqualTo("0: Failure: (127) Device minor not allocated\nadditional info from kernel:\n"
                        + "unknown minor\nCommand 'drbdsetup-84 secondary 0' terminated with exit code 10\n");
        p.ok("be1", "drbdadm", "down", "pc0");
    }

    @Test
    void unknownCommandsFailLoudlyWithTheirArgv() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "suspend-io", "pc0");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderrText()).contains("drbdadm suspend-io pc0");
        CommandResult setup = p.run("be1", "drbdsetup", "check-resize", "0");
        assertThat(setup.exitCode()).isNotZero();
        assertThat(setup.stderrText()).contains("drbdsetup check-resize 0");
        assertThat(p.run("be1", "frobnicate").exitCode()).isEqualTo(127);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Pairs first = Pairs.of("8.4").synced();
        Pairs second = Pairs.of("8.4").synced();
        assertThat(first.cluster.eventLog()).isEqualTo(second.cluster.eventLog());
        assertThat(first.node("be1").currentUuid()).isEqualTo(second.node("be1").currentUuid());
    }
}
