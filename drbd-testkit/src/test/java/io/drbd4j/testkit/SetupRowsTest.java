package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rows of drbd-state-machine §2.1-2.5 (create-md, up, attach, detach) not covered by the scenario tests. */
class SetupRowsTest {
    private static final String META = "drbdmeta 0 v08 /dev/opscode/drbd internal ";

    @Test
    void cm3CreateMdOverValidMetadataWithoutForceIsCanceled() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        CommandResult r = p.run("be1", "drbdadm", "create-md", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        // drbdmeta asks on stderr and cancels on stdout; exit 1 gets no Command line (real-drbd-testbed.md)
        assertThat(r.stdoutText()).isEqualTo("Operation cancelled.\n");
        assertThat(r.stderrText())
                .endsWith(
                        "Do you really want to overwrite the existing meta-data?\n[need to type 'yes' to confirm] \n");
    }

    @Test
    void cm4ForcedCreateMdMakesTheNodeAFullSyncTarget() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        CommandResult r = p.ok("be2", "drbdadm", "create-md", "--force", "pc0");
        assertThat(r.stdoutText()).contains("New drbd meta data block successfully created.\n");
        assertThat(p.node("be2").currentUuid()).isEqualTo(4);
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(Pairs.GIB_DEVICE_KIB);
    }

    @Test
    void u3UpTwiceIsRefusedByApplyAl() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "up", "pc0");
        // exit 1 as DRBD 8.4.11 with drbd-utils 9.22 gave (real-drbd-testbed.md)
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText())
                .isEqualTo("Device '0' is configured!\nCommand '" + META + "apply-al' terminated with exit code 20\n");
    }

    @Test
    void a1AttachWhileNotConnectedReadsTheMetadata() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "detach", "pc0");
        // DT1 on a StandAlone Secondary: Unconfigured
        assertThat(p.state("be2")).isEqualTo("cs:Unconfigured");
        p.ok("be2", "drbdadm", "attach", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown");
    }

    @Test
    void a2AttachWhileConnectedResyncsFromThePrimaryThatRotated() {
        Pairs p = Pairs.of("8.4").synced();
        long before = p.node("be1").currentUuid();
        p.ok("be2", "drbdadm", "detach", "pc0");
        // DT1: be2 Connected Diskless; be1, Primary with bitmap 0, runs newCurrent
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:Diskless/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/Diskless");
        assertThat(p.node("be1").bitmapUuid()).isEqualTo(before);
        p.cluster.write("be1", 4096);
        p.ok("be2", "drbdadm", "attach", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(4096);
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofMinutes(1));
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    @Test
    void a3AttachTwiceIsRefusedByApplyAl() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "attach", "pc0");
        assertThat(r.exitCode()).isEqualTo(20);
        assertThat(r.stderrText())
                .isEqualTo("Device '0' is configured!\nCommand '" + META + "apply-al' terminated with exit code 20\n");
    }

    @Test
    void a4ADisklessPrimaryCanOnlyAttachTheDataItLostLast() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "detach", "pc0");
        // DT2: the peer rotated its current UUID, so be1's metadata is no longer the generation in use
        CommandResult r = p.run("be1", "drbdadm", "attach", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText())
                .isEqualTo("0: Failure: (150) Can only attach to the data we lost last (see kernel log).\n"
                        + "Command 'drbdsetup-84 attach 0 /dev/opscode/drbd /dev/opscode/drbd internal'"
                        + " terminated with exit code 10\n");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:Diskless/UpToDate");
    }

    @Test
    void dt4DetachOfADisklessNodeIsNothingToDo() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "detach", "pc0");
        CommandResult r = p.ok("be2", "drbdadm", "detach", "pc0");
        assertThat(r.stderrText()).isEmpty();
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:Diskless/UpToDate");
    }

    @Test
    void dt5ForcedDetachOfAPrimaryWithoutPeerDataIsAHardChange() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        assertThat(p.run("be1", "drbdadm", "detach", "pc0").exitCode()).isEqualTo(17);
        CommandResult r = p.ok("be1", "drbdadm", "detach", "--force", "pc0");
        assertThat(r.stderrText()).isEmpty();
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:Diskless/DUnknown");
    }

    @Test
    void dt5ForcedDetachOfAConnectedSecondaryIsAsDt1() {
        Pairs p = Pairs.of("8.4").synced();
        long before = p.node("be1").currentUuid();
        p.ok("be2", "drbdadm", "detach", "--force", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:Diskless/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/Diskless");
        assertThat(p.node("be1").bitmapUuid()).isEqualTo(before);
    }
}
