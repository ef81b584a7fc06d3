package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code drbdadm -- --force wipe-md} (W8's last resort) on the simulated pair, and what it loses. */
class WipeMdTest {
    private static final String[] WIPE = {"drbdadm", "--", "--force", "wipe-md", "pc0"};

    private static String meta(String cmd) {
        return "drbdmeta 0 v08 /dev/opscode/drbd internal " + cmd;
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void refusedWhileAttached(String dialect) {
        Pairs p = Pairs.of(dialect).synced();
        CommandResult r = p.run("be2", WIPE);
        assertThat(r.exitCode()).isEqualTo(20);
        assertThat(r.stderrText())
                .isEqualTo("Device '0' is configured!\nCommand '" + meta("wipe-md --force")
                        + "' terminated with exit code 20\n");
        assertThat(p.node("be2").hasMetadata()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void wipingTheNodeWhosePeerHasEverythingLosesNothingAndItResyncsFully(String dialect) {
        Pairs p = Pairs.of(dialect).synced();
        long g = p.cluster.write("be1", 64);
        p.ok("be2", "drbdadm", "down", "pc0");
        CommandResult cancelled = p.run("be2", "drbdadm", "wipe-md", "pc0");
        assertThat(cancelled.exitCode()).isEqualTo(1);
        assertThat(cancelled.stdoutText()).isEqualTo("Operation cancelled.\n");
        assertThat(cancelled.stderrText())
                .isEqualTo("\nDo you really want to wipe out the DRBD meta data?\n"
                        + "stdin not a TTY, not waiting for confirmation\n");
        CommandResult wiped = p.ok("be2", WIPE);
        assertThat(wiped.stdoutText()).isEqualTo("Wiping meta data...\nDRBD meta data block successfully wiped out.\n");
        assertThat(wiped.stderrText())
                .isEqualTo("\nDo you really want to wipe out the DRBD meta data?\n"
                        + "*** confirmation forced via --force option ***\n");
        assertThat(p.run("be2", "drbdadm", "dump-md", "pc0").stderrText()).isEqualTo("No valid meta data found\n");
        assertThat(p.ok("be2", WIPE).stderrText()).isEqualTo("There appears to be no drbd meta data to wipe out?\n");
        assertThat(p.ok("be2", "drbdadm", "create-md", "pc0").stdoutText())
                .endsWith("New drbd meta data block successfully created.\n");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C");
        assertThat(p.node("be2").oosKiB()).isGreaterThan(Pairs.GIB_DEVICE_KIB - 4096);
        p.advanceUntil(() -> p.node("be2").disk().label().equals("UpToDate"), Duration.ofHours(1));
        assertThat(p.cluster.holds("be2", g)).isTrue();
        assertThat(p.cluster.dataLossDetector().report()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void createMdAfterTheWipeAsksAboutTheFilesystemLeftInTheDataArea(String dialect) {
        // seen on the real pair and captured from drbdmeta (drbd-utils 9.22) on a loop device: the wipe leaves the data
        // area, and create-md finds the filesystem there
        Pairs p = Pairs.of(dialect).synced();
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.advanceUntil(() -> p.node("be2").disk().label().equals("UpToDate"), Duration.ofHours(1));
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", WIPE);
        long usableKb = Pairs.GIB_DEVICE_KIB;
        String report = "md_offset 1073737728\nal_offset 1073704960\nbm_offset 1073672192\n\nFound ext3 filesystem\n"
                + String.format("%12d kB data area apparently used\n", usableKb)
                + String.format("%12d kB left usable by current configuration\n\n", usableKb)
                + "Even though it looks like this would place the new meta data into\n"
                + "unused space, you still need to confirm, as this is only a guess.\n";

        CommandResult asked = p.run("be2", "drbdadm", "create-md", "pc0");

        assertThat(asked.exitCode()).isEqualTo(1);
        assertThat(asked.stdoutText()).isEqualTo(report + "Operation canceled.\n");
        assertThat(asked.stderrText())
                .startsWith("\nDo you want to proceed?\nstdin not a TTY, not waiting for confirmation\n");
        assertThat(p.node("be2").hasMetadata()).isFalse();
        String[] forced = dialect.equals("8.3")
                ? new String[] {"drbdadm", "--", "--force", "create-md", "pc0"}
                : new String[] {"drbdadm", "create-md", "--force", "pc0"};
        CommandResult made = p.ok("be2", forced);
        assertThat(made.stdoutText())
                .isEqualTo(report
                        + "initializing activity log\nWriting meta data...\nNew drbd meta data block successfully"
                        + " created.\n");
        assertThat(made.stderrText())
                .startsWith("\nDo you want to proceed?\n*** confirmation forced via --force option ***\n");
        assertThat(p.node("be2").hasMetadata()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void wipingTheOnlyCopyOfWritesIsAViolationUnlessAccepted(String dialect) {
        for (boolean accept : List.of(false, true)) {
            Pairs p = Pairs.of(dialect).synced();
            p.ok("be2", "drbdadm", "disconnect", "pc0");
            long g = p.cluster.write("be1", 64);
            p.ok("be1", "drbdadm", "down", "pc0");
            if (accept) {
                p.cluster.acceptLoss("W8: be2 kept, be1's meta data wiped");
            }
            p.ok("be1", WIPE);
            List<DataLoss> losses = p.cluster.dataLossDetector().report();
            assertThat(losses).hasSize(1);
            assertThat(losses.get(0).generations()).containsExactly(g);
            assertThat(losses.get(0).kind()).isEqualTo(accept ? DataLoss.Kind.ACCEPTED : DataLoss.Kind.VIOLATION);
            assertThat(losses.get(0).cause()).isEqualTo("be1: drbdadm -- --force wipe-md pc0");
        }
    }
}
