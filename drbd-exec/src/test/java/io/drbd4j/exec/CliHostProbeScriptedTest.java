package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CliHostProbe} over a scripted host, for the answers this machine cannot give: a DRBD 8.4 {@code /proc/drbd},
 * mount points with escaped characters, stacked mounts, malformed output and failing tools.
 */
class CliHostProbeScriptedTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(7);

    /** Fixture 023 (hoangdh/ghichep-DRBD, DRBD 8.4.7), the text of drbd-core/src/test/resources/fixtures/proc-drbd/023-*.txt. */
    private static final String PROC_DRBD_847 = "version: 8.4.7-1 (api:1/proto:86-101)\n"
            + "GIT-hash: 3a6a769340ef93b1ba2792c6461250790795db49 build by phil@Build64R7, 2016-01-12 14:29:40\n"
            + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + "    ns:1048508 nr:0 dw:0 dr:1049236 al:8 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";

    private final ScriptedCommandRunner scripted = new ScriptedCommandRunner();
    private final RecordingCommandRunner runner = new RecordingCommandRunner(scripted);
    private final HostProbe probe = new CliHostProbe(runner, TIMEOUT);

    // ---------------------------------------------------------------- /proc/mounts

    @Test
    void mountsDecodeTheOctalEscapesOfProcMounts() {
        scripted.expect("cat", "/proc/mounts")
                .thenReturn(
                        0,
                        "/dev/vda1 / ext4 rw,relatime 0 0\n"
                                + "/dev/drbd0 /mnt/with\\040space ext4 rw 0 0\n"
                                + "/dev/sdb1 /mnt/back\\134slash xfs rw,noatime 0 0\n"
                                + "/dev/sdc1 /mnt/tab\\011and\\012newline ext4 ro 0 0\n"
                                + "//srv/share\\040x /mnt/\u00fcber cifs rw 0 0\n",
                        "");

        assertThat(probe.mounts())
                .containsExactly(
                        Mount.of("/dev/vda1", "/", "ext4", "rw,relatime"),
                        Mount.of("/dev/drbd0", "/mnt/with space", "ext4", "rw"),
                        Mount.of("/dev/sdb1", "/mnt/back\\slash", "xfs", "rw,noatime"),
                        Mount.of("/dev/sdc1", "/mnt/tab\tand\nnewline", "ext4", "ro"),
                        Mount.of("//srv/share x", "/mnt/\u00fcber", "cifs", "rw"));
        assertThat(runner.commands()).extracting(Command::timeout).containsExactly(TIMEOUT);
    }

    @Test
    void mountAtGivesTheLastMountOnThePathTheOneInEffect() {
        scripted.expect("readlink", "-f", "/var/opt/opscode/drbd/data")
                .thenReturn(0, "/var/opt/opscode/drbd/data\n", "")
                .expect("cat", "/proc/mounts")
                .thenReturn(
                        0,
                        "/dev/sdb1 /var/opt/opscode/drbd/data ext4 rw 0 0\n"
                                + "proc /proc proc rw 0 0\n"
                                + "/dev/drbd0 /var/opt/opscode/drbd/data ext4 rw,relatime 0 0\n",
                        "")
                .expect("readlink", "-f", "/var/opt/opscode/drbd/data")
                .thenReturn(0, "/var/opt/opscode/drbd/data\n", "")
                .expect("cat", "/proc/mounts")
                .thenReturn(0, "proc /proc proc rw 0 0\n", "");

        assertThat(probe.mountAt("/var/opt/opscode/drbd/data"))
                .hasValue(Mount.of("/dev/drbd0", "/var/opt/opscode/drbd/data", "ext4", "rw,relatime"));
        assertThat(probe.mountAt("/var/opt/opscode/drbd/data")).isEmpty();
        scripted.verifyAllRan();
    }

    @Test
    void mountAtComparesThePathWithItsLinksResolved() {
        scripted.expect("readlink", "-f", "/var/opt/opscode/drbd/data")
                .thenReturn(0, "/persist/var/opt/opscode/drbd/data\n", "")
                .expect("cat", "/proc/mounts")
                .thenReturn(0, "/dev/drbd0 /persist/var/opt/opscode/drbd/data ext4 rw,sync 0 0\n", "");

        assertThat(probe.mountAt("/var/opt/opscode/drbd/data"))
                .hasValue(Mount.of("/dev/drbd0", "/persist/var/opt/opscode/drbd/data", "ext4", "rw,sync"));
        scripted.verifyAllRan();
    }

    @Test
    void nodeNameAndAddressesAreReadFromUnameAndIp() {
        scripted.expect("uname", "-n")
                .thenReturn(0, "be1\n", "")
                .expect("ip", "-o", "addr", "show")
                .thenReturn(
                        0,
                        "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                                + "1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever\n"
                                + "2: eth0    inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0\\       valid_lft"
                                + " forever preferred_lft forever\n",
                        "");

        assertThat(probe.nodeName()).isEqualTo("be1");
        assertThat(probe.addresses()).containsExactly("127.0.0.1", "::1", "10.0.0.1");
    }

    @Test
    void anEmptyNodeNameOrNoAddressIsAQueryError() {
        scripted.expect("uname", "-n")
                .thenReturn(0, "\n", "")
                .expect("ip", "-o", "addr", "show")
                .thenReturn(0, "", "");

        assertThatThrownBy(probe::nodeName)
                .isInstanceOf(HostQueryException.class)
                .hasMessageContaining("node name");
        assertThatThrownBy(probe::addresses)
                .isInstanceOf(HostQueryException.class)
                .hasMessageContaining("one line per address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/drbd0 /mnt ext4 rw 0", "/dev/drbd0 /mnt with space ext4 rw 0 0", "garbage"})
    void aLineWithoutSixFieldsIsAQueryErrorQuotingIt(String line) {
        scripted.expect("cat", "/proc/mounts").thenReturn(0, "proc /proc proc rw 0 0\n" + line + "\n", "");

        HostQueryException e = catchThrowableOfType(HostQueryException.class, probe::mounts);

        assertThat(e.command().argv()).containsExactly("cat", "/proc/mounts");
        assertThat(e)
                .hasMessage("cat /proc/mounts printed \"" + line
                        + "\" (expected: six fields: source mountpoint type options 0 0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mnt/a\\9b", "/mnt/a\\04", "/mnt/a\\400", "/mnt/a\\", "/mnt/a\\x20b"})
    void aBackslashNotStartingAnOctalEscapeIsAQueryError(String field) {
        scripted.expect("readlink", "-f", "/mnt/a")
                .thenReturn(0, "/mnt/a\n", "")
                .expect("cat", "/proc/mounts")
                .thenReturn(0, "/dev/drbd0 " + field + " ext4 rw 0 0\n", "");

        assertThatThrownBy(() -> probe.mountAt("/mnt/a"))
                .isInstanceOf(HostQueryException.class)
                .hasMessage("cat /proc/mounts printed \"" + field
                        + "\" (expected: a /proc/mounts field whose backslashes start octal escapes such as \\040)");
    }

    @Test
    void anUnreadableProcMountsIsACommandFailure() {
        scripted.expect("cat", "/proc/mounts").thenReturn(1, "", "cat: /proc/mounts: Permission denied\n");

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, probe::mounts);

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.stderr()).isEqualTo("cat: /proc/mounts: Permission denied\n");
    }

    // ---------------------------------------------------------------- test -e, cat, blkid, ss

    @Test
    void existsFollowsTestsExitCodeAndAnErrorExitIsACommandFailure() {
        scripted.expect("test", "-e", "/etc/drbd.conf")
                .thenReturn(0, "", "")
                .expect("test", "-e", "/etc/drbd.d")
                .thenReturn(1, "", "")
                .expect("test", "-e", "/broken")
                .thenReturn(2, "", "test: extra argument\n");

        assertThat(probe.exists("/etc/drbd.conf")).isTrue();
        assertThat(probe.exists("/etc/drbd.d")).isFalse();
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> probe.exists("/broken"));

        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.argv()).containsExactly("test", "-e", "/broken");
    }

    @Test
    void readGivesStdoutAsBytesAndAMissingFileAsEmpty() {
        scripted.expect("cat", "/var/opt/opscode/keepalived/current_cluster_status")
                .thenReturn(0, "master\n", "")
                .expect("cat", "/etc/missing")
                .thenReturn(1, "", "cat: /etc/missing: No such file or directory\n");

        assertThat(probe.read("/var/opt/opscode/keepalived/current_cluster_status"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo("master\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(probe.read("/etc/missing")).isEmpty();
    }

    @Test
    void readOfAFileThatCannotBeOpenedIsACommandFailure() {
        scripted.expect("cat", "/root/secret").thenReturn(1, "", "cat: /root/secret: Permission denied\n");

        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> probe.read("/root/secret"));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.argv()).containsExactly("cat", "/root/secret");
        assertThat(e).hasMessageEndingWith("cat: /root/secret: Permission denied");
    }

    @Test
    void aMissingFileOtherThanTheOneAskedForIsACommandFailure() {
        // Only cat's "PATH: No such file or directory" for the path asked for means "absent".
        scripted.expect("cat", "/etc/a").thenReturn(1, "", "cat: /etc/b: No such file or directory\n");

        assertThatThrownBy(() -> probe.read("/etc/a")).isInstanceOf(CommandFailedException.class);
    }

    @Test
    void filesystemTypeFollowsBlkidsExitCodes() {
        List<String> blkid = List.of("blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/drbd0");
        scripted.expect(blkid)
                .thenReturn(0, "ext4\n", "")
                .expect(blkid)
                .thenReturn(2, "", "")
                .expect(blkid)
                .thenReturn(2, "", "blkid: error: /dev/drbd0: Wrong medium type\n");

        assertThat(probe.filesystemType("/dev/drbd0")).hasValue("ext4");
        assertThat(probe.filesystemType("/dev/drbd0")).as("nothing identified").isEmpty();
        CommandFailedException e =
                catchThrowableOfType(CommandFailedException.class, () -> probe.filesystemType("/dev/drbd0"));

        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.argv()).isEqualTo(blkid);
        assertThat(e.stderr()).isEqualTo("blkid: error: /dev/drbd0: Wrong medium type\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext4\nxfs\n", "", "\n"})
    void blkidOutputThatIsNotOneTypeIsAQueryError(String stdout) {
        scripted.expect("blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/drbd0")
                .thenReturn(0, stdout, "");

        HostQueryException e = catchThrowableOfType(HostQueryException.class, () -> probe.filesystemType("/dev/drbd0"));

        assertThat(e)
                .hasMessage("blkid -p -o value -s TYPE /dev/drbd0 printed \"" + stdout.strip()
                        + "\" (expected: one filesystem type, such as ext4)");
    }

    @Test
    void listeningLooksForAListenLineOfSs() {
        scripted.expect("ss", "-Hltn", "sport", "=", ":7788")
                .thenReturn(0, "LISTEN 0      5      0.0.0.0:7788 0.0.0.0:*\n", "")
                .expect("ss", "-Hltn", "sport", "=", ":7788")
                .thenReturn(0, "", "")
                .expect("ss", "-Hltn", "sport", "=", ":65535")
                .thenReturn(0, "LISTEN 0      4096   [::]:65535 [::]:*\n", "");

        assertThat(probe.listening(7788)).isTrue();
        assertThat(probe.listening(7788)).isFalse();
        assertThat(probe.listening(65535)).isTrue();
    }

    @Test
    void aHostWithoutSsIsTheRunnersStartFailure() {
        scripted.expect("ss", "-Hltn", "sport", "=", ":7788").thenFailToStart("Cannot run program \"ss\"");

        assertThatThrownBy(() -> probe.listening(7788))
                .isInstanceOf(CommandStartException.class)
                .hasMessageContaining("Cannot run program \"ss\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 70000})
    void aPortOutsideTcpsRangeIsRejectedBeforeAnythingRuns(int port) {
        assertThatThrownBy(() -> probe.listening(port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port " + port + " (expected: 1..65535)");
        assertThat(runner.commands()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/a/../b", "/a/./b", "/a b", "/a;reboot", "-rf", "", "/mnt/"})
    void anUnsafePathIsRejectedBeforeAnythingRuns(String path) {
        List<Consumer<HostProbe>> calls =
                List.of(p -> p.mountAt(path), p -> p.filesystemType(path), p -> p.exists(path), p -> p.read(path));

        for (Consumer<HostProbe> call : calls) {
            assertThatThrownBy(() -> call.accept(probe))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("mount point \"" + path + "\"");
        }
        assertThat(runner.commands()).isEmpty();
    }

    // ---------------------------------------------------------------- /proc/drbd

    @Test
    void procDrbdParsesADrbd84Status() {
        scripted.expect("cat", "/proc/drbd").thenReturn(0, PROC_DRBD_847, "");

        ProcDrbdStatus status = probe.procDrbd().orElseThrow();

        assertThat(status.version().orElseThrow().release()).isEqualTo("8.4.7-1");
        assertThat(status.devices()).hasSize(1);
        DeviceStatus device = status.device(0).orElseThrow();
        assertThat(device.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(device.role()).hasValue(Role.PRIMARY);
        assertThat(device.peerRole()).hasValue(Role.SECONDARY);
        assertThat(device.diskState()).hasValue(DiskState.UP_TO_DATE);
        assertThat(device.peerDiskState()).hasValue(DiskState.UP_TO_DATE);
        assertThat(device.counters().orElseThrow().ns()).isEqualTo(1048508);
    }

    @Test
    void procDrbdIsEmptyWithoutTheModule() {
        scripted.expect("cat", "/proc/drbd").thenReturn(1, "", "cat: /proc/drbd: No such file or directory\n");

        assertThat(probe.procDrbd()).isEmpty();
        scripted.verifyAllRan();
    }
}
