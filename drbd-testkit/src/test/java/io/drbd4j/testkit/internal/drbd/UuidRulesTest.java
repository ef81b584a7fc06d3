package io.drbd4j.testkit.internal.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.testkit.SimulatedTime;
import io.drbd4j.testkit.internal.argv.ResourceConfig;
import org.junit.jupiter.api.Test;

/** The §1.3 UUID operations and single rules of {@code drbd_uuid_compare} (§3.3) on hand-made tuples. */
class UuidRulesTest {
    private static final long X = 0x1000L;
    private static final long Y = 0x2000L;
    private static final long V = 0x3000L;

    private final DrbdNode a = node("be1", "10.0.0.1");
    private final DrbdNode b = node("be2", "10.0.0.2");
    private final DrbdPair pair = new DrbdPair(a, b, new SimulatedTime(), 125_000, 7);

    private static DrbdNode node(String name, String address) {
        return new DrbdNode(
                name, address, "8.4", "8.4.11", ResourceConfig.of("pc0", 0, "/dev/sdb", name), 1L << 30, 7788);
    }

    private static void set(DrbdNode n, long current, long bitmap, long h0, long h1) {
        n.uuidCurrent = current;
        n.uuidBitmap = bitmap;
        n.uuidHistory0 = h0;
        n.uuidHistory1 = h1;
        n.disk = DiskState.UP_TO_DATE;
    }

    private int[] compare(DrbdNode self, DrbdNode peer) {
        return Handshake.compare(self, Handshake.View.of(self), Handshake.View.of(peer), self == a);
    }

    @Test
    void genSyncUuidAddsTheOffsetToASetBitmapUuidAndRotatesIt() {
        set(a, Y | 1, X | 1, V, 0);
        long v = Uuids.genSyncUuid(a);
        assertThat(v).isEqualTo((X | 1) + Uuids.NEW_BM_OFFSET);
        assertThat(Uuids.tuple(a)).containsExactly(Y | 1, v, X | 1, V);
    }

    @Test
    void genSyncUuidIsRandomForAnEmptyOrJustCreatedBitmapUuid() {
        set(a, Y | 1, DrbdNode.UUID_JUST_CREATED, 0, 0);
        long v = Uuids.genSyncUuid(a);
        assertThat(v & ~1L).isNotEqualTo(DrbdNode.UUID_JUST_CREATED + Uuids.NEW_BM_OFFSET);
        assertThat(Uuids.tuple(a)).containsExactly(Y | 1, v, DrbdNode.UUID_JUST_CREATED, 0L);
    }

    @Test
    void aFinishedResyncLeavesEqualTuplesOnBothSides() {
        set(a, Y | 1, X | 1, V, 0);
        a.role = Role.PRIMARY;
        set(b, X, 0, V, 0);
        long[] sourceAtStart = Uuids.tuple(a);
        Uuids.takeSyncUuid(b, Uuids.genSyncUuid(a));
        assertThat(b.uuidBitmap).isZero();
        Uuids.adoptPeer(b, sourceAtStart);
        Uuids.clearBitmapUuid(a);
        assertThat(Uuids.tuple(a)).containsExactly(Y | 1, 0L, (X | 1) + Uuids.NEW_BM_OFFSET, X | 1);
        assertThat(Uuids.tuple(b)).containsExactly(Y, 0L, X + Uuids.NEW_BM_OFFSET, X | 1);
    }

    @Test
    void newCurrentKeepsBitZeroOfTheOldCurrentInTheBitmapUuid() {
        set(a, X | 1, 0, 0, 0);
        a.role = Role.PRIMARY;
        Uuids.newCurrent(a);
        assertThat(a.uuidBitmap).isEqualTo(X | 1);
        assertThat(a.uuidCurrent & 1).isEqualTo(1);
    }

    @Test
    void rulesInOrder() {
        set(a, DrbdNode.UUID_JUST_CREATED, 0, 0, 0);
        set(b, DrbdNode.UUID_JUST_CREATED, 0, 0, 0);
        assertThat(compare(a, b)).containsExactly(0, 10);
        set(b, X, 0, 0, 0);
        assertThat(compare(a, b)).containsExactly(-2, 20);
        assertThat(compare(b, a)).containsExactly(2, 30);
        set(a, X, Y, 0, 0);
        assertThat(compare(a, b)).containsExactly(1, 36);
        assertThat(compare(b, a)).containsExactly(-1, 37);
        set(a, X, 0, 0, 0);
        assertThat(compare(a, b)).containsExactly(0, 40);
        set(b, Y | 1, X | 1, 0, 0);
        assertThat(compare(a, b)).containsExactly(-1, 50);
        assertThat(compare(b, a)).containsExactly(1, 70);
        set(b, Y, 0, X, V);
        assertThat(compare(a, b)).containsExactly(-2, 60);
        assertThat(compare(b, a)).containsExactly(2, 80);
        set(a, Y, X, 0, 0);
        set(b, V, X | 1, 0, 0);
        assertThat(compare(a, b)).containsExactly(100, 90);
        set(a, Y, 0, X, 0);
        set(b, V, 0, 0, X);
        assertThat(compare(a, b)).containsExactly(-100, 100);
        set(a, Y, 0, X, V);
        set(b, 0x4000L, 0x5000L, 0x6000L, 0x7000L);
        assertThat(compare(a, b)).containsExactly(-1000, 100);
    }

    @Test
    void rules34And71CorrectTheirOwnUuids() {
        set(a, X, Y, V, 0);
        set(b, X, 0, Y, V);
        assertThat(compare(a, b)).containsExactly(1, 34);
        assertThat(Uuids.tuple(a)).containsExactly(X, 0L, Y, V);

        long synced = V + Uuids.NEW_BM_OFFSET;
        set(a, Y, synced, V, X);
        set(b, V, 0, 0, 0);
        assertThat(compare(b, a)).containsExactly(-1, 51);
        assertThat(compare(a, b)).containsExactly(1, 71);
        assertThat(Uuids.tuple(a)).containsExactly(Y, V, X, X);
    }

    @Test
    void aCrashedPrimaryDecidesEqualCurrentUuids() {
        set(a, X, 0, 0, 0);
        set(b, X, 0, 0, 0);
        a.crashedPrimary = true;
        assertThat(compare(a, b)).containsExactly(1, 40);
        assertThat(compare(b, a)).containsExactly(-1, 40);
        b.role = Role.PRIMARY;
        assertThat(compare(a, b)).containsExactly(-1, 41);
        assertThat(pair.first()).isSameAs(a);
    }
}
