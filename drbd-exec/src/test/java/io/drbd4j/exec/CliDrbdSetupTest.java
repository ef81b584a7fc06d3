package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Direct drbdsetup calls: 8.3 addresses the device before the command ({@code drbdsetup /dev/drbd0 syncer -r
 * 1100M}), 8.4 the minor after it ({@code drbdsetup disk-options 0 --resync-rate=1100M}); spec drbd-commands.md
 * §1b and §1e.
 */
class CliDrbdSetupTest {
    private final ScriptedCommandRunner scripted = new ScriptedCommandRunner();
    private final RecordingCommandRunner runner = new RecordingCommandRunner(scripted);
    private final DrbdSetup on84 = new CliDrbdSetup(runner, DrbdDialect.drbd84());
    private final DrbdSetup on83 = new CliDrbdSetup(runner, DrbdDialect.drbd83());

    @Test
    void eightThreeResyncRateIsTheGuidesSyncerCallOnTheDevice() {
        scripted.expect("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M").thenReturn(0, "", "");

        on83.resyncRate(0, "1100M");

        assertThat(runner.argvs()).containsExactly(List.of("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M"));
        assertThat(runner.commands().get(0).timeout()).isEqualTo(DrbdDialect.DEFAULT_TIMEOUT);
        scripted.verifyAllRan();
    }

    @Test
    void eightFourResyncRateIsDiskOptionsOnTheMinor() {
        scripted.expect("drbdsetup", "disk-options", "0", "--resync-rate=1100M").thenReturn(0, "", "");

        on84.resyncRate(0, "1100M");

        assertThat(runner.argvs()).containsExactly(List.of("drbdsetup", "disk-options", "0", "--resync-rate=1100M"));
        scripted.verifyAllRan();
    }

    @Test
    void eightThreeQueriesNameTheDeviceFirst() {
        scripted.expect("drbdsetup", "/dev/drbd0", "role")
                .thenReturn(0, "Primary/Secondary\n", "")
                .expect("drbdsetup", "/dev/drbd0", "cstate")
                .thenReturn(0, "SyncSource\n", "")
                .expect("drbdsetup", "/dev/drbd0", "dstate")
                .thenReturn(0, "UpToDate/Inconsistent\n", "");

        assertThat(on83.role(0)).isEqualTo(VolumeState.of(Role.PRIMARY, Role.SECONDARY));
        assertThat(on83.cstate(0)).isEqualTo(ConnectionState.SYNC_SOURCE);
        assertThat(on83.dstate(0)).isEqualTo(VolumeState.of(DiskState.UP_TO_DATE, DiskState.INCONSISTENT));
        scripted.verifyAllRan();
    }

    @Test
    void eightFourQueriesPutTheMinorAfterTheCommand() {
        scripted.expect("drbdsetup", "role", "3")
                .thenReturn(0, "Secondary/Unknown\n", "")
                .expect("drbdsetup", "cstate", "3")
                .thenReturn(0, "WFConnection\n", "")
                .expect("drbdsetup", "dstate", "3")
                .thenReturn(0, "Outdated/DUnknown\n", "");

        assertThat(on84.role(3)).isEqualTo(VolumeState.of(Role.SECONDARY, Role.UNKNOWN));
        assertThat(on84.cstate(3)).isEqualTo(ConnectionState.WF_CONNECTION);
        assertThat(on84.dstate(3)).isEqualTo(VolumeState.of(DiskState.OUTDATED, DiskState.DUNKNOWN));
        assertThat(runner.argvs())
                .containsExactly(
                        List.of("drbdsetup", "role", "3"),
                        List.of("drbdsetup", "cstate", "3"),
                        List.of("drbdsetup", "dstate", "3"));
    }

    @Test
    void anUnconfiguredMinorHasNeitherSide() {
        scripted.expect("drbdsetup", "role", "9")
                .thenReturn(0, "Unconfigured\n", "")
                .expect("drbdsetup", "cstate", "9")
                .thenReturn(0, "Unconfigured\n", "")
                .expect("drbdsetup", "dstate", "9")
                .thenReturn(0, "Unconfigured\n", "");

        VolumeState<Role> role = on84.role(9);

        assertThat(role.isUnconfigured()).isTrue();
        assertThat(role.local()).isEmpty();
        assertThat(role.peer()).isEmpty();
        assertThat(on84.cstate(9)).isEqualTo(ConnectionState.UNCONFIGURED);
        assertThat(on84.dstate(9).isUnconfigured()).isTrue();
    }

    @Test
    void aLocalOnlyRoleAsDrbd9PrintsItIsNotTrusted() {
        // DRBD 9 prints only the local role (spec §1d): not the local/peer pair this API promises.
        scripted.expect("drbdsetup", "role", "0").thenReturn(0, "Primary\n", "");

        DrbdQueryException e = catchThrowableOfType(DrbdQueryException.class, () -> on84.role(0));

        assertThat(e.command().argv()).containsExactly("drbdsetup", "role", "0");
        assertThat(e).hasMessageContaining("printed \"Primary\"").hasMessageContaining("Primary/Secondary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connected!", "connected", "", "Connected Connected"})
    void garbageConnectionStatesAreQueryErrors(String printed) {
        scripted.expect("drbdsetup", "/dev/drbd1", "cstate").thenReturn(0, printed + "\n", "");

        assertThatThrownBy(() -> on83.cstate(1))
                .isInstanceOf(DrbdQueryException.class)
                .hasMessageContaining("drbdsetup /dev/drbd1 cstate printed \"" + printed + "\"");
    }

    @Test
    void aDiskStateWithAnUnknownSideIsAQueryError() {
        scripted.expect("drbdsetup", "dstate", "0").thenReturn(0, "UpToDate/Maybe\n", "");

        assertThatThrownBy(() -> on84.dstate(0))
                .isInstanceOf(DrbdQueryException.class)
                .hasMessageContaining("printed \"UpToDate/Maybe\"");
    }

    @Test
    void aMissingModuleIsAnEnvironmentFailure() {
        // Recorded: drbdsetup-84 with no module (stderr of a real run on Debian 12, drbd-utils 9.22.0).
        scripted.expect("drbdsetup", "role", "0")
                .thenReturn(
                        20,
                        "",
                        "Could not stat /proc/drbd: No such file or directory\n"
                                + "Make sure that the DRBD kernel module is installed and can be loaded!\n");

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> on84.role(0));

        assertThat(e.exitClass()).isEqualTo(ExitClass.MODULE_OR_EXEC);
        assertThat(e.argv()).containsExactly("drbdsetup", "role", "0");
        assertThat(e.stateChangeError()).isEmpty();
        assertThat(e)
                .hasMessage("drbdsetup role 0: exit 20 (MODULE_OR_EXEC): Could not stat /proc/drbd: No such"
                        + " file or directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1100M --set-defaults", "-r", "1100M;reboot", "1100MB", "$RATE", " 1100M"})
    void hostileRatesAreRejectedBeforeAnythingRuns(String rate) {
        assertThatThrownBy(() -> on83.resyncRate(0, rate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rate ");
        assertThatThrownBy(() -> on84.resyncRate(0, rate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rate ");
        assertThat(runner.commands()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1_048_576})
    void minorsOutOfRangeAreRejectedBeforeAnythingRuns(int minor) {
        assertThatThrownBy(() -> on84.role(minor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minor " + minor + " (expected: 0 to 1048575)");
        assertThatThrownBy(() -> on83.resyncRate(minor, "10M"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("minor " + minor + " (expected: 0 to ");
        assertThat(runner.commands()).isEmpty();
    }

    @Test
    void drbd83DevicesStopAtMinor255() {
        assertThatThrownBy(() -> on83.resyncRate(256, "10M"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minor 256 (expected: 0 to 255 on DRBD 8.3)");
        assertThat(runner.commands()).isEmpty();
    }

    @Test
    void theDialectIsTheOneGiven() {
        assertThat(on83.dialect().name()).isEqualTo("8.3");
        assertThat(on84.dialect().name()).isEqualTo("8.4");
    }
}
