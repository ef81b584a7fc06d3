package io.drbd4j.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.ExitClass;
import io.drbd4j.exec.GenerationIdentifiers;
import io.drbd4j.exec.StateChangeError;
import io.drbd4j.exec.VolumeState;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every {@link DrbdAdm} operation of the 8.4 dialect on the real kernel, the refusals too, each with the exit class
 * and the DRBD reason drbd4j types it as. Each test starts from a fresh pair: meta data created, both up, Connected
 * Secondary/Secondary Inconsistent/Inconsistent.
 */
@Tag("real-drbd")
class TypedCommandsRealTest {
    private static final String R = RealDrbdPair.RESOURCE;
    private static RealDrbdPair pair;
    private static DrbdAdm be1;
    private static DrbdAdm be2;

    @BeforeAll
    static void boot() {
        pair = RealPairs.start(RealDrbdPair.builder().backingSize(24L << 20));
        pair.configureDrbd();
        be1 = new CliDrbdAdm(pair.runner("be1"), DrbdDialect.drbd84());
        be2 = new CliDrbdAdm(pair.runner("be2"), DrbdDialect.drbd84());
    }

    @AfterAll
    static void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @BeforeEach
    void freshPair() {
        for (DrbdAdm adm : new DrbdAdm[] {be1, be2}) {
            RealPairs.run(pair, host(adm), "drbdadm", "down", R);
            adm.createMd(R, true);
        }
        be1.up(R);
        be2.up(R);
        await(be1, s -> s == ConnectionState.CONNECTED);
    }

    private static String host(DrbdAdm adm) {
        return adm == be1 ? "be1" : "be2";
    }

    private static void await(DrbdAdm adm, Predicate<ConnectionState> state) {
        for (int i = 0; i < 120; i++) {
            if (state.test(adm.cstate(R).get(0))) {
                return;
            }
            RealPairs.ok(pair, host(adm), "sleep", "0.5");
        }
        throw new AssertionError(host(adm) + " stays " + adm.cstate(R));
    }

    private static void awaitDisk(DrbdAdm adm, DiskState disk) {
        for (int i = 0; i < 240; i++) {
            if (adm.dstate(R).get(0).local().orElseThrow() == disk) {
                return;
            }
            RealPairs.ok(pair, host(adm), "sleep", "0.5");
        }
        throw new AssertionError(host(adm) + " disk stays " + adm.dstate(R));
    }

    private static CommandFailedException refused(ThrowingCallable call) {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, call);
        assertThat(e).as("a refusal").isNotNull();
        return e;
    }

    @Test
    void queriesOfAFreshPairAreTyped() {
        assertThat(be1.cstate(R)).containsExactly(ConnectionState.CONNECTED);
        assertThat(be1.role(R)).containsExactly(VolumeState.of(Role.SECONDARY, Role.SECONDARY));
        assertThat(be1.dstate(R)).containsExactly(VolumeState.of(DiskState.INCONSISTENT, DiskState.INCONSISTENT));
        assertThat(be1.status().devices().get(0).connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(be1.version().api()).hasValue(1);
        assertThat(be1.dump(R)).contains("resource pc0").contains("on be1").contains("on be2");
        // drbdsetup show: the peer the kernel runs with, as the workflows' adjust outcome reads it.
        assertThat(be1.configuredPeer(R, 0)).hasValue("10.99.0.2:7788");
        assertThat(be2.configuredPeer(R, 0)).hasValue("10.99.0.1:7788");
    }

    @Test
    void generationIdentifiersSayJustCreatedSameDataAndWritesApartAsTheGuardsReadThem() {
        // Fresh meta data, attached (from the kernel) and down (drbdadm falls back to drbdmeta): create-md's UUID.
        assertThat(be1.generationIdentifiers(R).get(0).justCreated()).isTrue();
        RealPairs.ok(pair, "be2", "drbdadm", "down", R);
        assertThat(be2.generationIdentifiers(R).get(0).justCreated()).isTrue();
        be2.up(R);

        be1.primaryOverwritingPeer(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);
        await(be1, s -> s == ConnectionState.CONNECTED);
        GenerationIdentifiers synced1 = be1.generationIdentifiers(R).get(0);
        GenerationIdentifiers synced2 = be2.generationIdentifiers(R).get(0);
        assertThat(synced1.justCreated()).isFalse();
        assertThat(synced1.current() & ~1L).as("the same data generation").isEqualTo(synced2.current() & ~1L);
        assertThat(synced1.tookWritesApart()).isFalse();
        assertThat(synced2.tookWritesApart()).isFalse();

        // be1, Primary, loses its peer: DRBD starts a new data generation and keeps the old one as the bitmap UUID.
        be2.disconnect(R);
        await(be1, s -> s != ConnectionState.CONNECTED);
        // StandAlone after disconnect: the kernel has no network configuration left, so no peer.
        assertThat(be2.configuredPeer(R, 0)).isEmpty();
        assertThat(be1.configuredPeer(R, 0)).hasValue("10.99.0.2:7788");
        RealPairs.ok(pair, "be1", "dd", "if=/dev/zero", "of=/dev/drbd0", "bs=4k", "count=4", "oflag=direct");
        assertThat(be1.generationIdentifiers(R).get(0).tookWritesApart()).isTrue();
        assertThat(be2.generationIdentifiers(R).get(0).tookWritesApart()).isFalse();
    }

    @Test
    void primaryWithoutForceOnInconsistentDataIsExit17AndForceSyncsThePeer() {
        CommandFailedException e = refused(() -> be1.primary(R));

        assertThat(e.exitCode()).isEqualTo(17);
        assertThat(e.exitClass()).isEqualTo(ExitClass.NO_UP_TO_DATE_DATA);
        assertThat(e.stateChangeError().flatMap(StateChangeError::reason))
                .hasValue(StateChangeError.Reason.NO_UP_TO_DATE_DISK);

        be1.primaryOverwritingPeer(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);
        assertThat(be1.role(R)).containsExactly(VolumeState.of(Role.PRIMARY, Role.SECONDARY));
        assertThat(be2.dstate(R)).containsExactly(VolumeState.of(DiskState.UP_TO_DATE, DiskState.UP_TO_DATE));
    }

    @Test
    void aSecondPrimaryIsRefusedWithExit11TwoPrimaries() {
        be1.primaryOverwritingPeer(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);

        CommandFailedException e = refused(() -> be2.primary(R));

        assertThat(e.exitClass()).isEqualTo(ExitClass.STATE_REFUSED);
        assertThat(e.stateChangeError().flatMap(StateChangeError::reason))
                .hasValue(StateChangeError.Reason.TWO_PRIMARIES);
        be1.secondary(R);
        assertThat(be1.role(R)).containsExactly(VolumeState.of(Role.SECONDARY, Role.SECONDARY));
    }

    @Test
    void disconnectConnectAndTheirRefusals() {
        be1.disconnect(R);
        assertThat(be1.cstate(R)).containsExactly(ConnectionState.STAND_ALONE);

        CommandFailedException again = refused(() -> be1.disconnect(R));
        assertThat(again.exitClass()).isEqualTo(ExitClass.CONFIG);
        assertThat(again.stateChangeError().orElseThrow().code()).isEqualTo(162);
        assertThat(again.stateChangeError().orElseThrow().isKernelFailure()).isTrue();

        // The kernel invalidates a disconnected Secondary locally (drbd_adm_invalidate, 8.4.11): no refusal.
        be1.invalidate(R);
        assertThat(be1.dstate(R).get(0).local()).hasValue(DiskState.INCONSISTENT);

        be1.connect(R);
        CommandFailedException twice = refused(() -> be1.connect(R));
        assertThat(twice.exitClass()).isEqualTo(ExitClass.CONFIG);
        assertThat(twice.stateChangeError().orElseThrow().code()).isEqualTo(102);
        await(be1, s -> s == ConnectionState.CONNECTED);
    }

    @Test
    void detachAttachInvalidateAndOutdate() {
        be1.primaryOverwritingPeer(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);

        be2.detach(R);
        assertThat(be2.dstate(R).get(0).local()).hasValue(DiskState.DISKLESS);
        be2.attach(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);

        be2.invalidate(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);
        be1.invalidateRemote(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);

        // Connected to an UpToDate peer, the kernel takes the request and keeps the disk UpToDate (exit 0).
        be2.outdate(R);
        assertThat(be2.dstate(R).get(0).local()).hasValue(DiskState.UP_TO_DATE);
        be2.disconnect(R);
        be2.outdate(R);
        assertThat(be2.dstate(R).get(0).local()).hasValue(DiskState.OUTDATED);

        be1.disconnect(R);
        CommandFailedException invalidate = refused(() -> be1.invalidate(R));
        assertThat(invalidate.exitClass()).isEqualTo(ExitClass.STATE_REFUSED);
        assertThat(invalidate.stateChangeError().flatMap(StateChangeError::reason))
                .hasValue(StateChangeError.Reason.NEED_CONNECTION);
    }

    @Test
    void pauseResumeRateAndVerifyWithoutAnAlgorithm() {
        // Slow enough that the initial sync is still running at the pause, one ssh round trip later: at the
        // configured 40 MiB/s the test bed's small device was once in sync already (Connected, not PausedSyncS).
        be2.temporaryResyncRate(R, 0, "1M", RateMethod.FIXED_RATE);
        be1.temporaryResyncRate(R, 0, "1M", RateMethod.FIXED_RATE);
        be1.primaryOverwritingPeer(R);
        be1.pauseSync(R);
        assertThat(be1.status().devices().get(0).connectionState()).isEqualTo(ConnectionState.PAUSED_SYNC_S);
        be1.resumeSync(R);
        be2.temporaryResyncRate(R, 0, "100M", RateMethod.FIXED_RATE);
        be2.resetResyncRate(R);
        awaitDisk(be2, DiskState.UP_TO_DATE);

        CommandFailedException verify = refused(() -> be1.verify(R));
        assertThat(verify.stateChangeError().flatMap(StateChangeError::reason))
                .hasValue(StateChangeError.Reason.NO_VERIFY_ALG);
    }

    @Test
    void newCurrentUuidClearBitmapSkipsTheInitialSync() {
        be1.newCurrentUuidClearBitmap(R);
        awaitDisk(be1, DiskState.UP_TO_DATE);
        assertThat(be2.dstate(R)).containsExactly(VolumeState.of(DiskState.UP_TO_DATE, DiskState.UP_TO_DATE));
    }

    @Test
    void metaDataQueriesAndQueriesOfADownResource() {
        be2.down(R);
        assertThat(be2.hasValidMetaData(R))
                .as("unclean meta data after down is valid meta data")
                .isTrue();
        CommandFailedException role = refused(() -> be2.role(R));
        assertThat(role.exitCode()).isEqualTo(10);
        assertThat(role.stderr()).contains("(127) Device minor not allocated");

        RealPairs.ok(pair, "be2", "dd", "if=/dev/zero", "of=/dev/vda", "bs=1M", "count=24", "status=none");
        assertThat(be2.hasValidMetaData(R)).as("after zeroing the disk").isFalse();
        be2.createMd(R, false);
        assertThat(be2.hasValidMetaData(R)).isTrue();
        be2.up(R);
        await(be2, s -> s == ConnectionState.CONNECTED);
    }
}
