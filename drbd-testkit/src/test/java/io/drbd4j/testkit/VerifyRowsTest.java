package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rows of drbd-state-machine §2.16 ({@code verify}) with a verify-alg configured (Chef has none: V1). */
class VerifyRowsTest {
    private static Pairs withVerifyAlg() {
        return new Pairs(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", "8.4", "8.4.11")
                .host("be2", "10.0.0.2", "8.4", "8.4.11")
                .verifyAlg("sha1")
                .seed(42)
                .build());
    }

    @Test
    void v2VerifyNeedsAConnection() {
        Pairs p = withVerifyAlg().synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        CommandResult r = p.run("be1", "drbdadm", "verify", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-15) Need a connection to start verify or resync\n"
                        + "Command 'drbdsetup-84 verify 0' terminated with exit code 11\n");
    }

    @Test
    void v3VerifyWithAVerifyAlgRunsVerifySAndVerifyT() {
        Pairs p = withVerifyAlg().synced();
        CommandResult r = p.ok("be2", "drbdadm", "verify", "pc0");
        assertThat(r.stderrText()).isEmpty();
        assertThat(p.state("be2")).startsWith("cs:VerifyS ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:VerifyT ro:Primary/Secondary ds:UpToDate/UpToDate");
        p.cluster.time().advance(Duration.ofSeconds(5));
        assertThat(p.proc("be2")).contains("verified:").contains(" want: 102,400 K/sec");
        assertThat(p.proc("be1")).contains("verified:").doesNotContain("want:");
        p.advanceUntil(() -> p.node("be2").conn().label().equals("Connected"), Duration.ofMinutes(1));
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThat(p.node("be2").oosKiB()).isZero();
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("be2: Online verify done"));
    }

    @Test
    void v3AVerifyIsAbortedWhenThePeerGoesAway() {
        Pairs p = withVerifyAlg().synced();
        p.ok("be1", "drbdadm", "verify", "pc0");
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("be1: Online-verify aborted."));
    }

    @Test
    void v4VerifyDuringAResyncIsRefused() {
        Pairs p = withVerifyAlg().upFresh();
        p.forcePrimary("be1");
        CommandResult r = p.run("be2", "drbdadm", "verify", "pc0");
        assertThat(r.exitCode()).isEqualTo(11);
        assertThat(r.stderrText())
                .isEqualTo("0: State change failed: (-8) Can not start OV/resync since it is already active\n"
                        + "Command 'drbdsetup-84 verify 0' terminated with exit code 11\n");
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofHours(1));
        p.ok("be2", "drbdadm", "verify", "pc0");
        CommandResult again = p.run("be1", "drbdadm", "verify", "pc0");
        assertThat(again.exitCode()).isEqualTo(11);
        assertThat(again.stderrText()).startsWith("0: State change failed: (-8)");
    }
}
