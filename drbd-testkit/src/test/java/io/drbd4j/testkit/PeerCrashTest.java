package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** drbd-state-machine §4.1 (and correction 9b): what the survivor shows when its peer crashes, row by row. */
class PeerCrashTest {
    @Test
    void aConnectedPrimaryRotatesAndCountsNewWrites() {
        Pairs p = Pairs.of("8.4").synced();
        long current = p.node("be1").currentUuid();
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.node("be1").bitmapUuid()).isEqualTo(current);
        assertThat(p.node("be1").currentUuid()).isNotEqualTo(current);
        p.cluster.write("be1", 4096);
        assertThat(p.node("be1").oosKiB()).isEqualTo(4096);
    }

    @Test
    void aConnectedSecondaryStaysUpToDateWithoutRotating() {
        Pairs p = Pairs.of("8.4").synced();
        long current = p.node("be2").currentUuid();
        long bitmap = p.node("be2").bitmapUuid();
        p.cluster.stop("be1");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.node("be2").currentUuid()).isEqualTo(current);
        assertThat(p.node("be2").bitmapUuid()).isEqualTo(bitmap);
        assertThat(p.node("be2").oosKiB()).isZero();
    }

    @Test
    void aPrimarySyncSourceKeepsThePeerInconsistentAndItsBitmapUuid() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(5));
        long bitmap = p.node("be1").bitmapUuid();
        long left = p.node("be1").oosKiB();
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/Inconsistent");
        assertThat(p.node("be1").bitmapUuid()).isEqualTo(bitmap);
        assertThat(p.node("be1").oosKiB()).isEqualTo(left);
        p.cluster.write("be1", 4096);
        assertThat(p.node("be1").oosKiB()).isEqualTo(left + 4096);
    }

    @Test
    void aSecondarySyncSourceAfterASwitchoverKeepsThePeerInconsistent() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "primary", "pc0");
        long left = p.node("be1").oosKiB();
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/Inconsistent");
        assertThat(p.node("be1").oosKiB()).isEqualTo(left);
    }

    @Test
    void aSecondarySyncTargetStaysInconsistentAndNeedsForce() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(2));
        long current = p.node("be2").currentUuid();
        p.cluster.stop("be1");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.node("be2").currentUuid()).isEqualTo(current);
        assertThat(p.run("be2", "drbdadm", "primary", "pc0").exitCode()).isEqualTo(17);
    }

    @Test
    void aPrimarySyncTargetKeepsItsRoleOnInconsistentData() {
        // correction 9b: the pri-on-incon-degr handler is not defined in Chef (a no-op)
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.stop("be1");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Primary/Unknown ds:Inconsistent/DUnknown");
    }

    @Test
    void aFreshInconsistentPairKeepsShowingThePeerInconsistent() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/Inconsistent");
    }

    @Test
    void aDisklessPrimaryIsLeftWithoutData() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "detach", "pc0");
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:Diskless/DUnknown");
    }

    @Test
    void theSurvivorNeverGoesStandAloneNorChangesItsRole() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.link(false);
        p.cluster.time().advance(Duration.ofMinutes(5));
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown");
    }
}
