package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.CliHostProbe;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.HostProbe;
import io.drbd4j.exec.Mount;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * drbd-exec's {@link CliHostProbe} against the simulated pair: what the probes read is what the commands before them
 * did (mkfs, mount, umount, a crash), as a workflow would see it on real hosts.
 */
class HostProbeOnPairTest {
    private static final String DATA = "/var/opt/opscode/drbd/data";
    private static final String READY = "/var/opt/opscode/drbd/drbd_ready";
    private static final Mount ROOT = Mount.of("/dev/vda1", "/", "ext4", "rw,relatime");
    private static final Mount PROC = Mount.of("proc", "/proc", "proc", "rw,nosuid,nodev,noexec,relatime");
    private static final Mount DRBD = Mount.of("/dev/drbd0", DATA, "ext4", "rw,relatime");

    private static HostProbe probe(Pairs p, String host) {
        return new CliHostProbe(p.cluster.runner(host), Duration.ofSeconds(5));
    }

    /** @return a synced pair with ext4 on /dev/drbd0, mounted on be1 (the Primary), as failover setup leaves it */
    private static Pairs mountedOnBe1(String dialect) {
        Pairs p = Pairs.of(dialect).synced();
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        p.ok("be1", "mkdir", "-p", DATA);
        p.ok("be1", "mount", "/dev/drbd0", DATA);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void mountAtShowsTheDrbdFilesystemOnThePrimaryUntilUmount(String dialect) {
        Pairs p = mountedOnBe1(dialect);
        HostProbe be1 = probe(p, "be1");

        assertThat(be1.mountAt(DATA)).hasValue(DRBD);
        assertThat(be1.mounts()).containsExactly(ROOT, PROC, DRBD);
        assertThat(probe(p, "be2").mountAt(DATA)).isEmpty();

        p.ok("be1", "umount", DATA);

        assertThat(be1.mountAt(DATA)).isEmpty();
        assertThat(be1.mounts()).containsExactly(ROOT, PROC);
        assertThat(be1.exists(DATA)).as("the directory stays").isTrue();
    }

    @Test
    void aPowerLossTakesTheMountAway() {
        Pairs p = mountedOnBe1("8.4");
        HostProbe be1 = probe(p, "be1");

        p.cluster.faults().crash("be1");

        CommandFailedException down = catchThrowableOfType(CommandFailedException.class, be1::mounts);
        assertThat(down.exitCode()).as("ssh cannot reach a host without power").isEqualTo(255);

        p.cluster.faults().reboot("be1");

        assertThat(be1.mountAt(DATA)).isEmpty();
        assertThat(be1.mounts()).containsExactly(ROOT, PROC);
    }

    @Test
    void mountPointsWithBlanksAndNewlinesComeBackAsTheyWereMounted() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "mkfs.ext4", "-q", "/dev/drbd0");
        String odd = "/mnt/a b\tc\nd\\e";
        p.ok("be1", "mkdir", "-p", odd);
        p.ok("be1", "mount", "/dev/drbd0", odd);

        assertThat(probe(p, "be1").mounts())
                .containsExactly(ROOT, PROC, Mount.of("/dev/drbd0", odd, "ext4", "rw,relatime"));
    }

    @Test
    void filesystemTypeIsExt4OnThePrimaryAndTheSecondaryRefusesTheOpen() {
        Pairs p = mountedOnBe1("8.4");

        assertThat(probe(p, "be1").filesystemType("/dev/drbd0")).hasValue("ext4");
        CommandFailedException e = catchThrowableOfType(
                CommandFailedException.class, () -> probe(p, "be2").filesystemType("/dev/drbd0"));

        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.stderr()).isEqualTo("blkid: error: /dev/drbd0: Wrong medium type\n");
    }

    @Test
    void eachHostAnswersWithItsOwnNameAndReplicationAddress() {
        Pairs p = Pairs.of("8.4").synced();

        assertThat(probe(p, "be1").nodeName()).isEqualTo("be1");
        assertThat(probe(p, "be2").nodeName()).isEqualTo("be2");
        assertThat(probe(p, "be1").addresses()).containsExactly("127.0.0.1", "10.0.0.1");
        assertThat(probe(p, "be2").addresses()).containsExactly("127.0.0.1", "10.0.0.2");
    }

    @Test
    void mkdirIsAtomicAndRmdirRemovesOnlyAnEmptyDirectory() {
        Pairs p = Pairs.of("8.4").synced();
        CommandRunner be1 = p.cluster.runner("be1");

        assertThat(run(be1, "mkdir", "/tmp/lock").exitCode()).isZero();
        CommandResult again = run(be1, "mkdir", "/tmp/lock");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderrText()).isEqualTo("mkdir: cannot create directory '/tmp/lock': File exists\n");
        assertThat(run(be1, "mkdir", "/nonexistent/lock").stderrText())
                .isEqualTo("mkdir: cannot create directory '/nonexistent/lock': No such file or directory\n");
        assertThat(run(be1, "touch", "/tmp/lock/owner").exitCode()).isZero();
        assertThat(run(be1, "rmdir", "/tmp/lock").stderrText())
                .isEqualTo("rmdir: failed to remove '/tmp/lock': Directory not empty\n");
        assertThat(run(be1, "rm", "-f", "/tmp/lock/owner").exitCode()).isZero();
        assertThat(run(be1, "rmdir", "/tmp/lock").exitCode()).isZero();
        assertThat(probe(p, "be1").exists("/tmp/lock")).isFalse();
        assertThat(run(be1, "readlink", "-f", "/tmp//x/../lock").stdoutText()).isEqualTo("/tmp/lock\n");
    }

    private static CommandResult run(CommandRunner runner, String... argv) {
        return runner.run(Command.of(Duration.ofSeconds(5), argv));
    }

    @Test
    void filesystemTypeOfTheBlankDeviceIsEmpty() {
        Pairs p = Pairs.of("8.4").synced();

        assertThat(probe(p, "be1").filesystemType("/dev/drbd0")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void procDrbdGivesEachHostsSideOfTheDevice(String dialect) {
        Pairs p = Pairs.of(dialect).synced();

        DeviceStatus be1 = probe(p, "be1").procDrbd().orElseThrow().device(0).orElseThrow();
        DeviceStatus be2 = probe(p, "be2").procDrbd().orElseThrow().device(0).orElseThrow();

        assertThat(be1.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(be1.role()).hasValue(Role.PRIMARY);
        assertThat(be1.peerRole()).hasValue(Role.SECONDARY);
        assertThat(be1.diskState()).hasValue(DiskState.UP_TO_DATE);
        assertThat(be1.peerDiskState()).hasValue(DiskState.UP_TO_DATE);
        assertThat(be2.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(be2.role()).hasValue(Role.SECONDARY);
        assertThat(be2.peerRole()).hasValue(Role.PRIMARY);
        assertThat(probe(p, "be1")
                        .procDrbd()
                        .orElseThrow()
                        .version()
                        .orElseThrow()
                        .release())
                .isEqualTo(dialect.equals("8.3") ? "8.3.16" : "8.4.11");
    }

    @Test
    void procDrbdOfAPeerThatLostItsPeerShowsWfConnection() {
        Pairs p = Pairs.of("8.4").synced();

        p.cluster.faults().crash("be1");

        DeviceStatus be2 = probe(p, "be2").procDrbd().orElseThrow().device(0).orElseThrow();
        assertThat(be2.connectionState()).isEqualTo(ConnectionState.WF_CONNECTION);
        assertThat(be2.role()).hasValue(Role.SECONDARY);
        assertThat(be2.peerDiskState()).hasValue(DiskState.DUNKNOWN);
    }

    @Test
    void existsReadAndListeningSeeTheHostsFilesAndPorts() {
        Pairs p = Pairs.of("8.4").synced();
        HostProbe be1 = probe(p, "be1");

        assertThat(be1.exists(READY)).isFalse();
        assertThat(be1.read(READY)).isEmpty();
        p.ok("be1", "touch", READY);

        assertThat(be1.exists(READY)).isTrue();
        assertThat(be1.read(READY)).hasValueSatisfying(b -> assertThat(b).isEmpty());
        p.cluster
                .runner("be1")
                .run(Command.builder()
                        .addArgv("tee", READY)
                        .stdin("ready\n".getBytes(StandardCharsets.UTF_8))
                        .timeout(Duration.ofSeconds(5))
                        .build());
        assertThat(be1.read(READY))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo("ready\n".getBytes(StandardCharsets.UTF_8)));
        CommandFailedException directory =
                catchThrowableOfType(CommandFailedException.class, () -> be1.read("/var/opt/opscode/drbd"));
        assertThat(directory.stderr()).isEqualTo("cat: /var/opt/opscode/drbd: Is a directory\n");
        assertThat(be1.listening(7788)).as("DRBD listens once up").isTrue();
        assertThat(be1.listening(443)).isFalse();
    }
}
