package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.dialect.Recorded;
import org.junit.jupiter.api.Test;

/**
 * Typed drbdadm failures over a scripted host: the classification of exit codes and DRBD's state-change errors from
 * real drbd-utils stderr (spec drbd-commands.md §3).
 */
class CliDrbdAdmFailureTest extends ScriptedDrbdAdms {
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
}
