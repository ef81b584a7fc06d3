package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import org.junit.jupiter.api.Test;

/** Rows of drbd-state-machine §2.8-2.10 (primary, primary --force, secondary) not covered by the scenario tests. */
class RoleRowsTest {
    @Test
    void p2PromotionOfAConnectedSecondaryRotatesNoUuid() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "secondary", "pc0");
        long current = p.node("be2").currentUuid();
        long bitmap = p.node("be2").bitmapUuid();
        p.ok("be2", "drbdadm", "primary", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.node("be2").currentUuid()).isEqualTo(current | 1);
        assertThat(p.node("be2").bitmapUuid()).isEqualTo(bitmap);
    }

    @Test
    void p7AndS3TheSameRoleAgainIsNothingToDo() {
        Pairs p = Pairs.of("8.4").synced();
        CommandResult primary = p.ok("be1", "drbdadm", "primary", "pc0");
        assertThat(primary.stderrText()).isEmpty();
        CommandResult secondary = p.ok("be2", "drbdadm", "secondary", "pc0");
        assertThat(secondary.stderrText()).isEmpty();
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
    }

    @Test
    void p8PrimaryOnADownResourceIsAnUnallocatedMinor() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "primary", "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText())
                .isEqualTo("0: Failure: (127) Device minor not allocated\nadditional info from kernel:\n"
                        + "unknown minor\nCommand 'drbdsetup-84 primary 0' terminated with exit code 10\n");
    }

    @Test
    void p9APrimaryAfterUpIsJudgedOnTheHandshakeResult() {
        // the handshake runs within up (SimulatedDrbdCluster: transient states are not staged), so the promotion
        // that would wait in WFReportParams is judged on the result: here the peer is Primary (T7: -1)
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        CommandResult r = p.run("be2", "drbdadm", "primary", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .startsWith("0: State change failed: (-1) Multiple primaries not allowed by config\n");
    }

    @Test
    void p10ConsistentNeverShowsWithFencingDontCareSoAPlainPrimaryWorks() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "down", "pc0");
        p.cluster.stop("be2");
        p.cluster.start("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        p.ok("be2", "drbdadm", "primary", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");
    }

    @Test
    void pf1AForcedPromotionThatAPlainOneWouldDoIsNotForced() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "secondary", "pc0");
        long current = p.node("be2").currentUuid();
        int logged = p.cluster.eventLog().size();
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThat(p.node("be2").currentUuid()).isEqualTo(current | 1);
        assertThat(p.cluster.eventLog().subList(logged, p.cluster.eventLog().size()))
                .noneMatch(l -> l.contains("Forced to consider local data as UpToDate!"));
    }

    @Test
    void pf4ForcedPromotionOfADisklessNodeIsRefused() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "detach", "pc0");
        CommandResult r = p.run("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(r.exitCode()).isEqualTo(17);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-2) Need access to UpToDate data\n"
                        + "Command 'drbdsetup-84 primary 0 --force' terminated with exit code 17\n");
    }

    @Test
    void pf4CorrectedADisklessNodeConnectedToAnUpToDatePeerIsPromoted() {
        // correction 8: a Diskless node Connected to an UpToDate peer can be promoted (diskless Primary)
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "detach", "pc0");
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Primary/Secondary ds:Diskless/UpToDate");
    }

    @Test
    void pf5ForcedPromotionWhileThePeerIsPrimaryIsRefused() {
        Pairs p = Pairs.of("8.4").synced();
        CommandResult r = p.run("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-1) Multiple primaries not allowed by config\n"
                        + "Command 'drbdsetup-84 primary 0 --force' terminated with exit code 11\n");
    }
}
