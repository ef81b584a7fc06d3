package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The connect handshake of drbd-state-machine §3.3-3.7 with the Chef after-sb policies, walked through the Chef
 * guide scenarios (W4, W6, W9) and the UUID rules that decide them.
 */
class HandshakeTest {
    private static final String STANDALONE_PRIMARY = "cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown";

    @Test
    void w4SecondaryLostAndRejoinsGetsABitmapResyncFromThePrimary() {
        Pairs p = Pairs.of("8.4").synced();
        long x = p.node("be1").currentUuid();
        p.cluster.stop("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");
        // newCurrent on losing the peer's data while Primary: bitmap := current, role bit kept (§1.3, §4.1)
        assertThat(p.node("be1").bitmapUuid()).isEqualTo(x);
        p.cluster.write("be1", 8192);
        p.cluster.start("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.node("be2").oosKiB()).isEqualTo(8192);
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be2: uuid_compare()=-1 by rule 50"))
                .anyMatch(l -> l.endsWith("be1: uuid_compare()=1 by rule 70"));
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofSeconds(10));
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertSynced(p);
    }

    @Test
    void w6PrimaryLostBackupPromotedOldPrimaryReturnsAsSyncTarget() {
        Pairs p = Pairs.of("8.4").synced();
        long x = p.node("be1").currentUuid() & ~1L;
        p.cluster.stop("be1");
        p.ok("be2", "drbdadm", "primary", "pc0");
        // promoted while disconnected: newCurrent before the role mark, so the bitmap UUID has bit 0 clear
        assertThat(p.node("be2").bitmapUuid()).isEqualTo(x);
        p.cluster.write("be2", 4096);
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.endsWith("be1: uuid_compare()=-1 by rule 50"));
        p.advanceUntil(() -> p.node("be1").oosKiB() == 0, Duration.ofSeconds(10));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertSynced(p);
    }

    @Test
    void w6OldPrimaryThatWroteTooIsTheSecondaryDiscardedByAfterSb1pri() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.stop("be1");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be2", 4096);
        p.cluster.link(false);
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "up", "pc0");
        p.ok("be1", "drbdadm", "primary", "pc0");
        p.cluster.write("be1", 8192);
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.cluster.link(true);
        // rule 90, one Primary: discard-secondary, be1's writes are overwritten by a bitmap resync of the union
        assertThat(p.state("be1")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.state("be2")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.node("be1").oosKiB()).isEqualTo(4096 + 8192);
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be1: uuid_compare()=100 by rule 90"))
                .anyMatch(l ->
                        l.endsWith("be1: Split-Brain detected, 1 primaries, automatically solved. Sync from peer node"))
                .anyMatch(l -> l.endsWith(
                        "be2: Split-Brain detected, 1 primaries, automatically solved. Sync from this node"));
        p.advanceUntil(() -> p.node("be1").oosKiB() == 0, Duration.ofSeconds(10));
        assertSynced(p);
    }

    @Test
    void w6BootRaceWithBothPrimaryAtReconnectLeavesBothStandAlone() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.stop("be1");
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be2", 4096);
        p.cluster.link(false);
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "up", "pc0");
        p.ok("be1", "drbdadm", "primary", "pc0");
        p.cluster.write("be1", 8192);
        p.cluster.link(true);
        // correction 1: 0pri finds no younger primary (both bit 0 clear), least changes loses (be2) and cannot
        // demote; the winner's first state has two Primaries and fails, so both end StandAlone
        assertThat(p.state("be1")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.state("be2")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be2: Discard younger/older primary did not find a decision"))
                .anyMatch(l -> l.endsWith("be2: Split-Brain detected but unresolved, dropping connection!"))
                .anyMatch(l -> l.endsWith("be1: State change failed: (-1) Multiple primaries not allowed by config"));
    }

    @Test
    void w9SplitBrainAfterBothWerePrimaryAndTheManualRecovery() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.link(false);
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be1", 4096);
        p.cluster.write("be2", 8192);
        p.cluster.link(true);
        assertThat(p.state("be1")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.state("be2")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be2: Split-Brain detected but unresolved, dropping connection!"))
                .anyMatch(l -> l.endsWith("be2: helper command: /sbin/drbdadm split-brain minor-0"))
                .anyMatch(l -> l.endsWith("be1: State change failed: (-1) Multiple primaries not allowed by config"));

        // manual recovery on the victim be2: secondary, disconnect (already StandAlone: exit 10), connect
        // --discard-my-data; then connect on the survivor
        p.ok("be2", "drbdadm", "secondary", "pc0");
        CommandResult disconnect = p.run("be2", "drbdadm", "disconnect", "pc0");
        assertThat(disconnect.exitCode()).isEqualTo(10);
        p.ok("be2", "drbdadm", "connect", "--discard-my-data", "pc0");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        p.ok("be1", "drbdadm", "connect", "pc0");
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(4096 + 8192);
        // one Primary at reconnect: discard-secondary decides at §3.4 step 5, before the discard flag is read
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith(
                        "be2: Split-Brain detected, 1 primaries, automatically solved. Sync from peer node"));
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofSeconds(10));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertSynced(p);
    }

    @Test
    void w9OnOlderModulesAnUnmountedLoserGivesUpPrimaryButNoResyncRuns() {
        Pairs p = Pairs.of("8.4", "8.4.4", Pairs.GIB).synced();
        p.cluster.link(false);
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.link(true);
        // correction 1: on 8.4.0-8.4.5 the loser demotes, reaches WFBitMapT (disk capped at Outdated), then the
        // winner drops the connection
        assertThat(p.state("be1")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Outdated/DUnknown");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.endsWith("be2: Successfully gave up primary role."));
    }

    @Test
    void afterSb0priDiscardsTheYoungerPrimaryWhateverTheDiscardFlagSays() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.link(false);
        p.ok("be2", "drbdadm", "primary", "pc0");
        p.cluster.write("be1", 4096);
        p.cluster.write("be2", 8192);
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be2", "drbdadm", "secondary", "pc0");
        // the trap of §3.6: the operator picks be1 as the victim
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.ok("be1", "drbdadm", "connect", "--discard-my-data", "pc0");
        p.cluster.link(true);
        assertThat(p.state("be1")).startsWith("cs:SyncSource ro:Secondary/Secondary ds:UpToDate/Inconsistent");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Secondary ds:Inconsistent/UpToDate");
        assertThat(p.cluster.eventLog())
                .anyMatch(l ->
                        l.endsWith("be1: Split-Brain detected, 0 primaries, automatically solved. Sync from this node"))
                .noneMatch(l -> l.contains("manually solved"));
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofSeconds(10));
        assertSynced(p);
    }

    @Test
    void unrelatedDataAbortsAndBothGoStandAlone() {
        Pairs p = Pairs.of("8.4").synced();
        // a second generation on be1 fills both of its history slots
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        p.cluster.write("be1", 4096);
        p.ok("be2", "drbdadm", "connect", "pc0");
        p.advanceUntil(() -> p.node("be2").oosKiB() == 0, Duration.ofSeconds(10));
        assertThat(p.node("be1").historyUuid(1)).isNotZero();
        // be2 gets new metadata and is force-promoted on its own
        p.ok("be2", "drbdadm", "down", "pc0");
        p.cluster.link(false);
        p.ok("be2", "drbdadm", "create-md", "--force", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        p.ok("be2", "drbdadm", "primary", "--force", "pc0");
        p.cluster.link(true);
        assertThat(p.state("be1")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.state("be2")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be1: Unrelated data, aborting!"))
                .anyMatch(l -> l.endsWith("be2: Unrelated data, aborting!"));
    }

    @Test
    void twoIndependentlyForcedFreshNodesShareTheJustCreatedBitmapUuid() {
        Pairs p = Pairs.of("8.4");
        p.cluster.link(false);
        for (String h : new String[] {"be1", "be2"}) {
            p.ok(h, "drbdadm", "create-md", "pc0");
            p.ok(h, "drbdadm", "up", "pc0");
            p.ok(h, "drbdadm", "primary", "--force", "pc0");
            assertThat(p.node(h).bitmapUuid()).isEqualTo(4);
        }
        p.cluster.link(true);
        // rule 90 matches (both bitmap UUIDs are UUID_JUST_CREATED), not -1000; with two Primaries both StandAlone
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.endsWith("be1: uuid_compare()=100 by rule 90"));
        assertThat(p.state("be1")).startsWith(STANDALONE_PRIMARY);
        assertThat(p.state("be2")).startsWith(STANDALONE_PRIMARY);
    }

    @Test
    void aCrashedPrimaryWhosePeerStayedSecondaryBecomesSyncSource() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.stop("be1");
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "up", "pc0");
        // rule 40b: same current UUID, be1 is a crashed primary, both Secondary now
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.endsWith("be1: uuid_compare()=1 by rule 40"));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate");
        assertSynced(p);
    }

    @Test
    void anInconsistentNodeCannotBeSyncSource() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.stop("be1");
        p.cluster.start("be1");
        p.ok("be1", "drbdadm", "create-md", "--force", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        // be2 rule 30 (+2) but Inconsistent; the fresh be1 (rule 20) goes back to waiting
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be2: I shall become SyncSource, but I am inconsistent!"));
    }

    @Test
    void aBlankNewHostMeetingAnInconsistentSurvivorLeavesTheSurvivorStandAlone() {
        // DRBD 8.4.11 did this (real-drbd-testbed.md), as the spec's handshake already says: rule 30 (+2) on the
        // survivor, whose disk is Inconsistent
        Pairs p = Pairs.of("8.4").upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(5));
        p.cluster.acceptLoss("the SyncSource is gone while its peer is Inconsistent");
        p.cluster.faults().crashForGood("be1");
        p.cluster.faults().replaceHost("be1", "be3", "10.0.0.3");
        // The survivor's kernel keeps the lost host's address until its configuration names the new one (adjust).
        p.ok("be2", "drbdadm", "adjust", "pc0");
        p.ok("be3", "drbdadm", "create-md", "pc0");
        p.ok("be3", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.state("be3")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be2: I shall become SyncSource, but I am inconsistent!"));
    }

    @Test
    void bothSidesDiscardingTheirDataIsAnIncompatibleSetting() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "secondary", "pc0");
        p.ok("be1", "drbdadm", "disconnect", "pc0");
        p.ok("be2", "drbdadm", "disconnect", "pc0");
        int before = p.cluster.eventLog().size();
        p.ok("be1", "drbdadm", "connect", "--discard-my-data", "pc0");
        p.ok("be2", "drbdadm", "connect", "--discard-my-data", "pc0");
        // §2.14 DM4, §3.2: both StandAlone before any UUID is compared
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.cluster.eventLog().subList(before, p.cluster.eventLog().size()))
                .anyMatch(l -> l.endsWith("be2: incompatible discard-my-data settings"))
                .noneMatch(l -> l.contains("uuid_compare"));
    }

    private static void assertSynced(Pairs p) {
        assertThat(p.node("be1").currentUuid() & ~1L).isEqualTo(p.node("be2").currentUuid() & ~1L);
        assertThat(p.node("be1").bitmapUuid()).isZero();
        assertThat(p.node("be2").bitmapUuid()).isZero();
        // the history UUIDs match too, bit 0 (the role marker) aside
        for (int i = 0; i < 2; i++) {
            assertThat(p.node("be1").historyUuid(i) & ~1L)
                    .isEqualTo(p.node("be2").historyUuid(i) & ~1L);
        }
    }
}
