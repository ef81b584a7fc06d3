package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * drbd-state-machine §4.5 (and the md flags of §1.4): the state after {@code up} or {@code attach} comes from the md
 * flags the last attached state wrote, through a crash ({@code cluster.stop/start}) or a {@code down}. The peer is
 * kept away (down or StandAlone) so the state before the handshake shows.
 */
class RebootAttachTest {
    @Test
    void upToDateComesBackUpToDateAfterACrash() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be1", "drbdadm", "down", "pc0");
        p.cluster.stop("be2");
        p.cluster.start("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.node("be2").crashedPrimary()).isFalse();
    }

    @Test
    void upToDateComesBackUpToDateAfterDown() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "down", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown");
        // down demotes first: PRIMARY_IND cleared, not a crashed primary (D1)
        assertThat(p.node("be1").crashedPrimary()).isFalse();
    }

    @Test
    void aCrashedSyncSourceShowsThePeerOutdatedFromPeerOutDated() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.stop("be1");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/Outdated");
        assertThat(p.node("be1").crashedPrimary()).isTrue();
        p.ok("be2", "drbdadm", "connect", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Secondary/Secondary ds:UpToDate/Inconsistent");
        p.advanceUntil(() -> p.node("be2").disk().label().equals("UpToDate"), Duration.ofHours(1));
    }

    @Test
    void invalidateRemoteThenDownKeepsPeerOutDated() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be1", "drbdadm", "invalidate-remote", "pc0");
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/Inconsistent");
        p.ok("be1", "drbdadm", "down", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/Outdated");
    }

    @Test
    void inconsistentComesBackInconsistent() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.stop("be2");
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.cluster.start("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.run("be2", "drbdadm", "primary", "pc0").exitCode()).isEqualTo(17);
    }

    @Test
    void outdatedComesBackOutdatedAfterCrashAndDown() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "outdate", "pc0");
        p.cluster.stop("be2");
        p.cluster.start("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown");
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown");
        assertThat(p.run("be2", "drbdadm", "primary", "pc0").exitCode()).isEqualTo(17);
    }

    @Test
    void aCrashedPrimaryComesBackSecondaryWithCrashedPrimarySet() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.cluster.stop("be1");
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.node("be1").crashedPrimary()).isTrue();
    }
}
