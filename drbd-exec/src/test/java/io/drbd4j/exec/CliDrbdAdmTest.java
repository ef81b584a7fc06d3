package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.Recorded;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Typed drbdadm over a scripted host: the exact argv of each call in both dialects, the parsing of the queries,
 * and the classification of failures from real drbd-utils stderr (spec drbd-commands.md §1, §3).
 */
class CliDrbdAdmTest {
    private final ScriptedCommandRunner scripted = new ScriptedCommandRunner();
    private final RecordingCommandRunner runner = new RecordingCommandRunner(scripted);
    private final DrbdAdm on84 = new CliDrbdAdm(runner, DrbdDialect.drbd84());
    private final DrbdAdm on83 = new CliDrbdAdm(runner, DrbdDialect.drbd83());

    private static List<String> adm(String... words) {
        return Stream.concat(Stream.of("drbdadm"), Stream.of(words)).toList();
    }

    private static Arguments call(String name, Consumer<DrbdAdm> call, List<String> argv84, List<String> argv83) {
        return Arguments.of(name, call, argv84, argv83);
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                call("createMd", a -> a.createMd("pc0", false), adm("create-md", "pc0"), adm("create-md", "pc0")),
                call(
                        "createMd force",
                        a -> a.createMd("pc0", true),
                        adm("create-md", "--force", "pc0"),
                        adm("--", "--force", "create-md", "pc0")),
                call("up", a -> a.up("pc0"), adm("up", "pc0"), adm("up", "pc0")),
                call("down", a -> a.down("pc0"), adm("down", "pc0"), adm("down", "pc0")),
                call("attach", a -> a.attach("pc0"), adm("attach", "pc0"), adm("attach", "pc0")),
                call("detach", a -> a.detach("pc0"), adm("detach", "pc0"), adm("detach", "pc0")),
                call("connect", a -> a.connect("pc0"), adm("connect", "pc0"), adm("connect", "pc0")),
                call(
                        "connectDiscardingMyData",
                        a -> a.connectDiscardingMyData("pc0"),
                        adm("connect", "--discard-my-data", "pc0"),
                        adm("--", "--discard-my-data", "connect", "pc0")),
                call("disconnect", a -> a.disconnect("pc0"), adm("disconnect", "pc0"), adm("disconnect", "pc0")),
                call("primary", a -> a.primary("pc0"), adm("primary", "pc0"), adm("primary", "pc0")),
                call(
                        "primaryOverwritingPeer",
                        a -> a.primaryOverwritingPeer("pc0"),
                        adm("primary", "--force", "pc0"),
                        adm("--", "--overwrite-data-of-peer", "primary", "pc0")),
                call("secondary", a -> a.secondary("pc0"), adm("secondary", "pc0"), adm("secondary", "pc0")),
                call("invalidate", a -> a.invalidate("pc0"), adm("invalidate", "pc0"), adm("invalidate", "pc0")),
                call(
                        "invalidateRemote",
                        a -> a.invalidateRemote("pc0"),
                        adm("invalidate-remote", "pc0"),
                        adm("invalidate-remote", "pc0")),
                call("outdate", a -> a.outdate("pc0"), adm("outdate", "pc0"), adm("outdate", "pc0")),
                call("pauseSync", a -> a.pauseSync("pc0"), adm("pause-sync", "pc0"), adm("pause-sync", "pc0")),
                call("resumeSync", a -> a.resumeSync("pc0"), adm("resume-sync", "pc0"), adm("resume-sync", "pc0")),
                call("verify", a -> a.verify("pc0"), adm("verify", "pc0"), adm("verify", "pc0")),
                call(
                        "newCurrentUuidClearBitmap",
                        a -> a.newCurrentUuidClearBitmap("pc0"),
                        adm("new-current-uuid", "--clear-bitmap", "pc0/0"),
                        adm("--", "--clear-bitmap", "new-current-uuid", "pc0")),
                call("resetResyncRate", a -> a.resetResyncRate("pc0"), adm("adjust", "pc0"), adm("adjust", "pc0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void eachOperationRunsExactlyItsDialectsArgv(
            String name, Consumer<DrbdAdm> call, List<String> argv84, List<String> argv83) {
        scripted.expect(argv84).thenReturn(0, "", "").expect(argv83).thenReturn(0, "", "");

        call.accept(on84);
        call.accept(on83);

        assertThat(runner.argvs()).containsExactly(argv84, argv83);
        assertThat(runner.commands()).extracting(Command::timeout).containsOnly(DrbdDialect.DEFAULT_TIMEOUT);
        scripted.verifyAllRan();
    }

    @Test
    void forcePromoteOnEightThreeRunsOverwriteDataOfPeerBeforeTheCommand() {
        scripted.expect("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0")
                .thenReturn(0, "", "");

        on83.primaryOverwritingPeer("pc0");

        assertThat(runner.argvs())
                .containsExactly(List.of("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0"));
    }

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
    void primaryWithoutUpToDateDataIsClassifiedFromDrbdsStderr() {
        scripted.expect("drbdadm", "primary", "pc0")
                .thenReturn(17, "", Recorded.text("stderr/84-primary-exit17-no-uptodate-data.txt"));

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.primary("pc0"));

        assertThat(e.exitCode()).isEqualTo(17);
        assertThat(e.exitClass()).isEqualTo(ExitClass.NO_UP_TO_DATE_DATA);
        assertThat(e.argv()).containsExactly("drbdadm", "primary", "pc0");
        StateChangeError error = e.stateChangeError().orElseThrow();
        assertThat(error.code()).isEqualTo(-2);
        assertThat(error.reason()).hasValue(StateChangeError.Reason.NO_UP_TO_DATE_DISK);
        assertThat(error.message()).isEqualTo("Need access to UpToDate data");
        assertThat(error.isKernelFailure()).isFalse();
        assertThat(e)
                .hasMessage("drbdadm primary pc0: exit 17 (NO_UP_TO_DATE_DATA): State change failed: (-2) Need"
                        + " access to UpToDate data");
        assertThat(e.stderr()).contains("Command 'drbdsetup-84 primary 0' terminated with exit code 17");
        assertThat(e.result().command().argv()).isEqualTo(e.argv());
    }

    @Test
    void primaryWhilePeerIsNotOutdatedIsARefusedStateChange() {
        scripted.expect("drbdadm", "primary", "pc0")
                .thenReturn(11, "", Recorded.text("stderr/84-primary-exit11-peer-not-outdated.txt"));

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.primary("pc0"));

        assertThat(e.exitClass()).isEqualTo(ExitClass.STATE_REFUSED);
        assertThat(e.stateChangeError().orElseThrow().reason()).hasValue(StateChangeError.Reason.PRIMARY_NOP);
        assertThat(e.stateChangeError().orElseThrow().code()).isEqualTo(-7);
        assertThat(e).hasMessageContaining("(-7) Refusing to be Primary while peer is not outdated");
    }

    @Test
    void secondaryWhileMountedIsDeviceInUse() {
        scripted.expect("drbdadm", "secondary", "pc0")
                .thenReturn(11, "", Recorded.text("stderr/84-secondary-exit11-held-open.txt"));

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.secondary("pc0"));

        assertThat(e.exitClass()).isEqualTo(ExitClass.STATE_REFUSED);
        assertThat(e.stateChangeError().orElseThrow().reason()).hasValue(StateChangeError.Reason.DEVICE_IN_USE);
        assertThat(e.stateChangeError().orElseThrow().message()).isEqualTo("Device is held open by someone");
    }

    @Test
    void anUnknownResourceInTheKernelIsAKernelFailure() {
        scripted.expect("drbdadm", "connect", "r0")
                .thenReturn(10, "", Recorded.text("stderr/84-connect-exit10-unknown-resource.txt"));

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.connect("r0"));

        assertThat(e.exitClass()).isEqualTo(ExitClass.CONFIG);
        StateChangeError error = e.stateChangeError().orElseThrow();
        assertThat(error.isKernelFailure()).isTrue();
        assertThat(error.code()).isEqualTo(158);
        assertThat(error.message()).isEqualTo("Unknown resource");
        assertThat(error.reason()).isEmpty();
        assertThat(e).hasMessage("drbdadm connect r0: exit 10 (CONFIG): Failure: (158) Unknown resource");
    }

    @Test
    void anUnallocatedMinorIsAKernelFailureWithTheFirstLineOnly() {
        scripted.expect("drbdadm", "attach", "pc0")
                .thenReturn(10, "", Recorded.text("stderr/84-attach-exit10-minor-not-allocated.txt"));

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.attach("pc0"));

        assertThat(e.stateChangeError().orElseThrow().code()).isEqualTo(127);
        assertThat(e.stateChangeError().orElseThrow().message()).isEqualTo("Device minor not allocated");
    }

    @Test
    void aMissingModuleIsAnEnvironmentFailureInBothDialects() {
        scripted.expect("drbdadm", "role", "pc0")
                .thenReturn(20, "", Recorded.text("stderr/84-role-exit20-module-missing.txt"))
                .expect("drbdadm", "role", "pc0")
                .thenReturn(20, "", Recorded.text("stderr/83-role-exit20-module-missing.txt"));

        CommandFailedException e84 = catchThrowableOfType(CommandFailedException.class, () -> on84.role("pc0"));
        CommandFailedException e83 = catchThrowableOfType(CommandFailedException.class, () -> on83.role("pc0"));

        assertThat(e84.exitClass()).isEqualTo(ExitClass.MODULE_OR_EXEC);
        assertThat(e84.stateChangeError()).isEmpty();
        // The recorded stderr starts with "sh: 1: /sbin/modprobe: not found" (no kmod): the message skips it.
        assertThat(e84)
                .hasMessage("drbdadm role pc0: exit 20 (MODULE_OR_EXEC): Could not stat /proc/drbd: No such file"
                        + " or directory");
        assertThat(e84.stderr()).contains("Make sure that the DRBD kernel module is installed and can be loaded!");
        assertThat(e83.exitClass()).isEqualTo(ExitClass.MODULE_OR_EXEC);
        assertThat(e83.stateChangeError()).isEmpty();
        assertThat(e83)
                .hasMessage("drbdadm role pc0: exit 20 (MODULE_OR_EXEC): Could not stat(\"/proc/drbd\"): No such"
                        + " file or directory");
    }

    @Test
    void unknownResourcesAreUsageErrorsWithTodaysExitOneAndTheOldThree() {
        scripted.expect("drbdadm", "primary", "nosuchres")
                .thenReturn(1, "", Recorded.text("stderr/84-primary-exit1-unknown-resource.txt"))
                .expect("drbdadm", "primary", "nosuchres")
                .thenReturn(3, "", Recorded.text("stderr/83-primary-exit1-unknown-resource.txt"));

        CommandFailedException today =
                catchThrowableOfType(CommandFailedException.class, () -> on84.primary("nosuchres"));
        CommandFailedException old =
                catchThrowableOfType(CommandFailedException.class, () -> on83.primary("nosuchres"));

        assertThat(today.exitClass()).isEqualTo(ExitClass.USAGE);
        assertThat(today.stateChangeError()).isEmpty();
        assertThat(today)
                .hasMessage("drbdadm primary nosuchres: exit 1 (USAGE): 'nosuchres' not defined in your config"
                        + " (for this host).");
        assertThat(old.exitClass()).isEqualTo(ExitClass.USAGE);
        assertThat(old).hasMessageEndingWith("exit 3 (USAGE): 'nosuchres' not defined in your config.");
    }

    @Test
    void anEightFourOptionOnEightThreeIsAnExecClassUsageFailure() {
        // drbdadm-83 exits 20 on an unknown option (spec §3a): the class says environment, the text says why.
        scripted.expect("drbdadm", "--", "--discard-my-data", "connect", "pc0")
                .thenReturn(20, "", Recorded.text("stderr/83-connect-exit20-unrecognized-option.txt"));

        CommandFailedException e =
                catchThrowableOfType(CommandFailedException.class, () -> on83.connectDiscardingMyData("pc0"));

        assertThat(e.exitClass()).isEqualTo(ExitClass.MODULE_OR_EXEC);
        assertThat(e).hasMessageEndingWith("drbdadm-83: unrecognized option '--discard-my-data'");
    }

    @Test
    void aFailureWithoutStderrHasAShortMessage() {
        scripted.expect("drbdadm", "down", "pc0").thenReturn(5, "", "");

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.down("pc0"));

        assertThat(e).hasMessage("drbdadm down pc0: exit 5 (LOWER_THAN_OUTDATED)");
        assertThat(e.stateChangeError()).isEmpty();
    }

    @Test
    void temporaryResyncRateRunsEveryCommandOfThePlanInOrderAndReturnsIt() {
        List<String> buffers = List.of("drbdadm", "net-options", "--max-buffers=56320", "pc0");
        List<String> rate = List.of("drbdadm", "disk-options", "--c-plan-ahead=0", "--resync-rate=1100M", "pc0");
        scripted.expect(buffers).thenReturn(0, "", "").expect(rate).thenReturn(0, "", "");

        ResyncRatePlan plan = on84.temporaryResyncRate("pc0", 0, "1100M", RateMethod.MAX_BUFFERS);

        assertThat(runner.argvs()).containsExactly(buffers, rate);
        assertThat(plan.commands()).extracting(Command::argv).containsExactly(buffers, rate);
        assertThat(plan.expectedKiBps()).hasValue(1_126_400L);
    }

    @Test
    void temporaryResyncRateStopsAtTheFirstFailingCommand() {
        List<String> buffers = List.of("drbdadm", "net-options", "--max-buffers=56320", "pc0");
        scripted.expect(buffers).thenReturn(10, "", "pc0: Failure: (158) Unknown resource\n");

        CommandFailedException e = catchThrowableOfType(
                CommandFailedException.class,
                () -> on84.temporaryResyncRate("pc0", 0, "1100M", RateMethod.MAX_BUFFERS));

        assertThat(e.argv()).isEqualTo(buffers);
        assertThat(runner.argvs()).containsExactly(buffers);
    }

    @Test
    void eightThreeTemporaryResyncRateRunsTheDirectSyncerCall() {
        List<String> syncer = List.of("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M");
        scripted.expect(syncer).thenReturn(0, "", "");

        ResyncRatePlan plan = on83.temporaryResyncRate("pc0", 0, "1100M", RateMethod.GUIDE);

        assertThat(runner.argvs()).containsExactly(syncer);
        assertThat(plan.expectedKiBps()).hasValue(1_126_400L);
    }

    @Test
    void anUnsupportedRateMethodRunsNothing() {
        assertThatThrownBy(() -> on83.temporaryResyncRate("pc0", 0, "1100M", RateMethod.FIXED_RATE))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("DRBD 8.3");
        assertThat(runner.commands()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--force", "pc0 --force", "pc0;reboot", "", "-d"})
    void hostileResourceNamesAreRejectedBeforeAnythingRuns(String name) {
        assertThatThrownBy(() -> on84.primaryOverwritingPeer(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> on83.role(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> on83.hasValidMetaData(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> on84.temporaryResyncRate(name, 0, "1100M", RateMethod.GUIDE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.commands()).isEmpty();
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
