package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.Recorded;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Typed drbdadm queries over a scripted host: role, dstate and cstate per volume, /proc/drbd, the state of the meta
 * data from dump-md, dump and --version, and output that is not understood (spec drbd-commands.md §1).
 */
class CliDrbdAdmQueryTest extends ScriptedDrbdAdms {
    @Test
    void roleGivesOneStatePerVolume() {
        scripted.expect("drbdadm", "role", "r1").thenReturn(0, "Primary/Secondary\nSecondary/Unknown\n", "");

        assertThat(on84.role("r1"))
                .containsExactly(
                        VolumeState.of(Role.PRIMARY, Role.SECONDARY), VolumeState.of(Role.SECONDARY, Role.UNKNOWN));
    }

    @Test
    void dstateGivesOneStatePerVolume() {
        scripted.expect("drbdadm", "dstate", "pc0").thenReturn(0, "UpToDate/Inconsistent\nDiskless/DUnknown\n", "");

        assertThat(on83.dstate("pc0"))
                .containsExactly(
                        VolumeState.of(DiskState.UP_TO_DATE, DiskState.INCONSISTENT),
                        VolumeState.of(DiskState.DISKLESS, DiskState.DUNKNOWN));
    }

    @Test
    void cstateGivesOneStatePerVolume() {
        scripted.expect("drbdadm", "cstate", "pc0").thenReturn(0, "SyncTarget\nConnected\n", "");

        assertThat(on84.cstate("pc0")).containsExactly(ConnectionState.SYNC_TARGET, ConnectionState.CONNECTED);
    }

    @Test
    void unconfiguredVolumesHaveNoSides() {
        scripted.expect("drbdadm", "role", "pc0")
                .thenReturn(0, "Unconfigured\n", "")
                .expect("drbdadm", "dstate", "pc0")
                .thenReturn(0, "Unconfigured\n", "")
                .expect("drbdadm", "cstate", "pc0")
                .thenReturn(0, "Unconfigured\n", "");

        List<VolumeState<Role>> role = on84.role("pc0");
        List<VolumeState<DiskState>> dstate = on84.dstate("pc0");

        assertThat(role).hasSize(1);
        assertThat(role.get(0).isUnconfigured()).isTrue();
        assertThat(role.get(0).peer()).isEmpty();
        assertThat(dstate).hasSize(1);
        assertThat(dstate.get(0).isUnconfigured()).isTrue();
        assertThat(on84.cstate("pc0")).containsExactly(ConnectionState.UNCONFIGURED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "\n\n", "Primary\n", "Primary/Maybe\n", "Primary/Secondary\nhello\n", "primary/secondary\n"})
    void garbageRolesAreQueryErrorsNamingTheCommand(String stdout) {
        scripted.expect("drbdadm", "role", "pc0").thenReturn(0, stdout, "");

        DrbdQueryException e = catchThrowableOfType(DrbdQueryException.class, () -> on84.role("pc0"));

        assertThat(e.command().argv()).containsExactly("drbdadm", "role", "pc0");
        assertThat(e).hasMessageStartingWith("drbdadm role pc0 printed \"");
    }

    @Test
    void aGarbageConnectionStateIsAQueryErrorQuotingIt() {
        scripted.expect("drbdadm", "cstate", "pc0").thenReturn(0, "Connected\nWFConection\n", "");

        assertThatThrownBy(() -> on84.cstate("pc0"))
                .isInstanceOf(DrbdQueryException.class)
                .hasMessage("drbdadm cstate pc0 printed \"WFConection\" (expected: one DRBD state label per"
                        + " volume, such as Connected, Primary/Secondary or UpToDate/UpToDate)");
    }

    @Test
    void statusParsesCatProcDrbd() {
        String fixture = Recorded.procDrbd("014-linbit-ug84-drbd841-inconsistent-pair");
        scripted.expect("cat", "/proc/drbd").thenReturn(0, fixture, "");

        ProcDrbdStatus status = on84.status();

        assertThat(status.version().orElseThrow().release()).isEqualTo("8.4.1");
        assertThat(status.devices()).isNotEmpty();
        DeviceStatus first = status.devices().get(0);
        assertThat(first.minor()).isZero();
        assertThat(fixture).contains("cs:" + first.connectionState().label());
        assertThat(fixture)
                .contains("ds:" + first.diskState().orElseThrow().label() + "/"
                        + first.peerDiskState().orElseThrow().label());
        assertThat(runner.argvs()).containsExactly(List.of("cat", "/proc/drbd"));
        assertThat(runner.commands().get(0).timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void statusWithoutProcDrbdFails() {
        scripted.expect("cat", "/proc/drbd").thenReturn(1, "", "cat: /proc/drbd: No such file or directory\n");

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, on84::status);

        assertThat(e.exitClass()).isEqualTo(ExitClass.USAGE);
        assertThat(e.stderr()).contains("No such file or directory");
    }

    @Test
    void noValidMetaDataMeansCreateMdIsNeeded() {
        // Recorded: drbdadm dump-md on a zeroed loop device, exit 1 (drbdmeta's words, user/shared/drbdmeta.c).
        scripted.expect("drbdadm", "dump-md", "pc0")
                .thenReturn(1, "", Recorded.text("stderr/dump-md-exit1-no-valid-meta-data.txt"));

        assertThat(on84.hasValidMetaData("pc0")).isFalse();
    }

    @Test
    void exitZeroFromDumpMdMeansValidMetaData() {
        scripted.expect("drbdadm", "dump-md", "pc0").thenReturn(0, "version \"v08\";\n\nuuid {\n", "");

        assertThat(on83.hasValidMetaData("pc0")).isTrue();
    }

    @Test
    void uncleanMetaDataIsValidMetaDataWhoseActivityLogUpApplies() {
        // DRBD 8.4.11 with drbd-utils 9.22 after a crash or a clean down: drbdmeta.c meta_dump_md, exit !!rv = 1
        scripted.expect("drbdadm", "dump-md", "pc0")
                .thenReturn(1, "", "Found meta data is \"unclean\", please apply-al first\n");

        assertThat(on84.metaData("pc0")).isEqualTo(MetaDataState.UNCLEAN);
    }

    @Test
    void uncleanMetaDataCountsAsValidMetaData() {
        scripted.expect("drbdadm", "dump-md", "pc0")
                .thenReturn(1, "", "Found meta data is \"unclean\", please apply-al first\n");

        assertThat(on84.hasValidMetaData("pc0")).isTrue();
    }

    @Test
    void aFailedExclusiveOpenMeansTheBackingDiskIsInUse() {
        // drbdmeta.c v07_style_md_open_device: O_EXCL open gets EBUSY, the question gets no "yes" on stdin
        scripted.expect("drbdadm", "dump-md", "pc0")
                .thenReturn(
                        20,
                        "Operation canceled.\n",
                        "open(/dev/loop7) failed: Device or resource busy\n\nExclusive open failed. Do it anyways?\n"
                                + "[need to type 'yes' to confirm] \nCommand 'drbdmeta 0 v08 /dev/loop7 internal"
                                + " dump-md' terminated with exit code 20\n");

        assertThat(on84.metaData("pc0")).isEqualTo(MetaDataState.IN_USE);
    }

    @Test
    void noValidMetaDataIsNone() {
        scripted.expect("drbdadm", "dump-md", "pc0").thenReturn(1, "", "No valid meta data found\n");

        assertThat(on84.metaData("pc0")).isEqualTo(MetaDataState.NONE);
    }

    @Test
    void anotherDrbdmetaFailureIsThrownAsADrbdmetaFailureNotAUsageError() {
        scripted.expect("drbdadm", "dump-md", "pc0").thenReturn(1, "", "pread(4,...,4096,1073737728) failed\n");

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.metaData("pc0"));

        assertThat(e.exitClass()).isEqualTo(ExitClass.DRBDMETA_FAILED);
        assertThat(e.getMessage()).contains("exit 1 (DRBDMETA_FAILED)").doesNotContain("USAGE");
    }

    @Test
    void anyOtherDumpMdFailureIsThrownNotTakenForMissingMetaData() {
        scripted.expect("drbdadm", "dump-md", "pc0")
                .thenReturn(
                        20,
                        "",
                        "Device /dev/drbd0 is configured!\nCommand 'drbdmeta 0 v08 /dev/loop7 internal"
                                + " dump-md' terminated with exit code 20\n");

        CommandFailedException e =
                catchThrowableOfType(CommandFailedException.class, () -> on84.hasValidMetaData("pc0"));

        assertThat(e.exitCode()).isEqualTo(20);
        assertThat(e.exitClass()).isEqualTo(ExitClass.MODULE_OR_EXEC);
    }

    @Test
    void dumpReturnsTheConfigurationAsPrinted() {
        scripted.expect("drbdadm", "dump", "pc0").thenReturn(0, "resource pc0 {\n    protocol C;\n}\n", "");

        assertThat(on83.dump("pc0")).isEqualTo("resource pc0 {\n    protocol C;\n}\n");
    }

    @Test
    void versionParsesDrbdadmVersion() {
        scripted.expect("drbdadm", "--version").thenReturn(0, Recorded.text("version/drbdadm-84-9.22.0.txt"), "");

        assertThat(on84.version().api()).hasValue(1);
        assertThat(on84.dialect().name()).isEqualTo("8.4");
    }
}
