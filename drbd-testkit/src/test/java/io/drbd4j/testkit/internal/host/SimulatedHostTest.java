package io.drbd4j.testkit.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testkit.internal.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedHostTest {
    private static final String DISK = "/dev/opscode/drbd";
    private static final String DATA = SimulatedHost.DRBD_MOUNT;
    private static final String HINT = DiskCommands.DMESG_HINT;

    private final FakeGate gate = new FakeGate();
    private final SimulatedHost host = new SimulatedHost("be1", gate);

    SimulatedHostTest() {
        host.addDevice(DISK, 8L << 20);
        host.addDevice("/dev/drbd0", 8L << 20);
    }

    private Outcome run(String... argv) {
        return host.run(argv);
    }

    @Test
    void mkfsThenBlkidReportsExt4() {
        assertThat(run("blkid", "-p", "-o", "value", "-s", "TYPE", DISK)).isEqualTo(new Outcome(2, "", ""));
        assertThat(run("mkfs.ext4", "-q", "-F", DISK)).isEqualTo(Outcome.ok());
        assertThat(run("blkid", "-p", "-o", "value", "-s", "TYPE", DISK)).isEqualTo(Outcome.ok("ext4\n"));
        assertThat(run("blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/nonexist"))
                .isEqualTo(new Outcome(2, "", ""));
    }

    @Test
    void mkfsWithoutQuietPrintsTheReportAndVersion() {
        Outcome outcome = run("mkfs.ext4", DISK);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stderr()).isEqualTo("mke2fs 1.47.0 (5-Feb-2023)\n");
        assertThat(outcome.stdout())
                .startsWith("Discarding device blocks:    0/8192\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\bdone")
                .contains("Creating filesystem with 8192 1k blocks and 2048 inodes\n\n")
                .contains("Creating journal (1024 blocks): done\n")
                .endsWith("information: 0/1\b\b\b   \b\b\bdone\n\n");
    }

    @Test
    void mkfsFailures() {
        assertThat(run("mkfs.ext4", "-q", "/dev/nonexist"))
                .isEqualTo(Outcome.fail(1, "The file /dev/nonexist does not exist and no size was specified.\n"));
        assertThat(run("mkfs.ext4", "/dev/nonexist").stderr()).startsWith("mke2fs 1.47.0 (5-Feb-2023)\nThe file");
        run("mkfs.ext4", "-q", DISK);
        run("mkdir", "-p", "/mnt");
        run("mount", DISK, "/mnt");
        assertThat(run("mkfs.ext4", "-q", "-F", DISK))
                .isEqualTo(Outcome.fail(1, DISK + " is mounted; will not make a filesystem here!\n"));
        assertThat(run("mkfs.ext4", "-q", "/dev/drbd0"))
                .isEqualTo(Outcome.fail(1, "mkfs.ext4: Wrong medium type while trying to determine filesystem size\n"));
        assertThat(run("blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/drbd0"))
                .isEqualTo(Outcome.fail(2, "blkid: error: /dev/drbd0: Wrong medium type\n"));
    }

    @Test
    void filesOnAMountAppearAndDisappearWithTheMount() {
        run("mkfs.ext4", "-q", DISK);
        assertThat(run("mkdir", "-p", DATA)).isEqualTo(Outcome.ok());
        assertThat(run("mountpoint", "-q", DATA)).isEqualTo(Outcome.fail(32, ""));
        assertThat(run("mount", DISK, DATA)).isEqualTo(Outcome.ok());
        assertThat(run("mountpoint", "-q", DATA)).isEqualTo(Outcome.ok());
        assertThat(run("test", "-e", DATA + "/lost+found").exitCode()).isZero();
        assertThat(run("touch", DATA + "/marker")).isEqualTo(Outcome.ok());
        assertThat(run("test", "-e", DATA + "/marker")).isEqualTo(Outcome.ok());
        assertThat(run("umount", DATA)).isEqualTo(Outcome.ok());
        assertThat(run("test", "-e", DATA + "/marker")).isEqualTo(Outcome.fail(1, ""));
        assertThat(host.device(DISK).orElseThrow().volume().orElseThrow().root().child("marker"))
                .isNotNull();
        assertThat(run("mount", DISK, DATA)).isEqualTo(Outcome.ok());
        assertThat(run("test", "-e", DATA + "/marker")).isEqualTo(Outcome.ok());
    }

    @Test
    void replicatedContentsShowOnAnotherHost() {
        gate.primary = true;
        run("mkfs.ext4", "-q", "/dev/drbd0");
        run("mkdir", "-p", DATA);
        run("mount", "/dev/drbd0", DATA);
        host.run(List.of("tee", DATA + "/pg.conf"), "x=1\n".getBytes(StandardCharsets.UTF_8));

        FakeGate peerGate = new FakeGate();
        peerGate.primary = true;
        SimulatedHost peer = new SimulatedHost("be2", peerGate);
        peer.addDevice("/dev/drbd0", 8L << 20)
                .replaceContents(
                        host.device("/dev/drbd0").orElseThrow().snapshot().orElseThrow());
        peer.run("mkdir", "-p", DATA);
        assertThat(peer.run("mount", "/dev/drbd0", DATA)).isEqualTo(Outcome.ok());
        assertThat(peer.run("cat", DATA + "/pg.conf")).isEqualTo(Outcome.ok("x=1\n"));
    }

    @Test
    void mountFailures() {
        assertThat(run("mount", DISK, "/nonexist"))
                .isEqualTo(Outcome.fail(32, "mount: /nonexist: mount point does not exist.\n" + HINT));
        run("mkdir", "-p", "/mnt");
        assertThat(run("mount", "/dev/nonexist", "/mnt"))
                .isEqualTo(Outcome.fail(32, "mount: /mnt: special device /dev/nonexist does not exist.\n" + HINT));
        assertThat(run("mount", DISK, "/mnt"))
                .isEqualTo(Outcome.fail(
                        32,
                        "mount: /mnt: wrong fs type, bad option, bad superblock on " + DISK
                                + ", missing codepage or helper program, or other error.\n" + HINT));
        run("mkfs.ext4", "-q", DISK);
        assertThat(run("mount", DISK, "/mnt")).isEqualTo(Outcome.ok());
        assertThat(run("mount", DISK, "/mnt"))
                .isEqualTo(Outcome.fail(32, "mount: /mnt: " + DISK + " already mounted on /mnt.\n" + HINT));
    }

    @Test
    void drbdMountIsRefusedWhileSecondaryAndCountedWhilePrimary() {
        gate.primary = true;
        run("mkfs.ext4", "-q", "/dev/drbd0");
        gate.primary = false;
        run("mkdir", "-p", DATA);
        assertThat(run("mount", "/dev/drbd0", DATA))
                .isEqualTo(Outcome.fail(
                        32, "mount: " + DATA + ": mount(2) system call failed: Wrong medium type.\n" + HINT));
        assertThat(gate.openCount).isZero();
        gate.primary = true;
        assertThat(run("mount", "/dev/drbd0", DATA)).isEqualTo(Outcome.ok());
        assertThat(gate.openCount).isEqualTo(1);
        assertThat(run("umount", DATA)).isEqualTo(Outcome.ok());
        assertThat(gate.openCount).isZero();
    }

    @Test
    void umountFailures() {
        run("mkfs.ext4", "-q", DISK);
        run("mkdir", "-p", "/mnt");
        assertThat(run("umount", "/mnt")).isEqualTo(Outcome.fail(32, "umount: /mnt: not mounted.\n"));
        assertThat(run("umount", "/nonexist"))
                .isEqualTo(Outcome.fail(32, "umount: /nonexist: no mount point specified.\n"));
        run("mount", DISK, "/mnt");
        host.holdOpen("/mnt");
        assertThat(run("umount", "/mnt")).isEqualTo(Outcome.fail(32, "umount: /mnt: target is busy.\n"));
        host.release("/mnt");
        assertThat(run("umount", "/mnt")).isEqualTo(Outcome.ok());
        assertThat(run("mountpoint", "-q", "/nonexist")).isEqualTo(Outcome.fail(1, ""));
    }

    @Test
    void fileCommands() {
        assertThat(run("cat", "/nonexist")).isEqualTo(Outcome.fail(1, "cat: /nonexist: No such file or directory\n"));
        assertThat(run("cat", "/tmp")).isEqualTo(Outcome.fail(1, "cat: /tmp: Is a directory\n"));
        assertThat(run("touch", "/nonexist/x"))
                .isEqualTo(Outcome.fail(1, "touch: cannot touch '/nonexist/x': No such file or directory\n"));
        assertThat(run("touch", "/tmp/f")).isEqualTo(Outcome.ok());
        assertThat(run("cat", "/tmp/f")).isEqualTo(Outcome.ok(""));
        assertThat(run("mkdir", "-p", "/tmp/f/x"))
                .isEqualTo(Outcome.fail(1, "mkdir: cannot create directory '/tmp/f': Not a directory\n"));
        assertThat(run("rm", "-f", "/tmp")).isEqualTo(Outcome.fail(1, "rm: cannot remove '/tmp': Is a directory\n"));
        assertThat(run("rm", "-f", "/tmp/f")).isEqualTo(Outcome.ok());
        assertThat(run("rm", "-f", "/tmp/f")).isEqualTo(Outcome.ok());
        assertThat(run("test", "-e", "/tmp/f")).isEqualTo(Outcome.fail(1, ""));
    }

    @Test
    void teeWritesStdinAndEchoesIt() {
        byte[] text = "master\n".getBytes(StandardCharsets.UTF_8);
        assertThat(host.run(List.of("tee", "/tmp/status"), text)).isEqualTo(Outcome.ok("master\n"));
        assertThat(run("cat", "/tmp/status")).isEqualTo(Outcome.ok("master\n"));
        assertThat(host.run(List.of("tee", "/nonexist/x"), text))
                .isEqualTo(new Outcome(1, "master\n", "tee: /nonexist/x: No such file or directory\n"));
        assertThat(host.run(List.of("tee", "/tmp"), text))
                .isEqualTo(new Outcome(1, "master\n", "tee: /tmp: Is a directory\n"));
    }

    @Test
    void ssShowsAListenerOnlyWhileOneListens() {
        assertThat(run("ss", "-Hltn", "sport", "=", ":7788")).isEqualTo(Outcome.ok());
        host.listen(7788, 5);
        assertThat(run("ss", "-Hltn", "sport", "=", ":7788"))
                .isEqualTo(Outcome.ok("LISTEN 0      5      0.0.0.0:7788 0.0.0.0:*\n"));
        host.stopListening(7788);
        assertThat(run("ss", "-Hltn", "sport", "=", ":7788")).isEqualTo(Outcome.ok());
    }

    @Test
    void unknownAndUnsupportedCommandsFailClearlyAndEverythingIsLogged() {
        assertThat(run("fuser", "-km", "/mnt")).isEqualTo(Outcome.fail(127, "fuser: command not found\n"));
        assertThat(run("mount", "-o", "ro", DISK, "/mnt"))
                .isEqualTo(Outcome.fail(2, "simulated host: unsupported command: mount -o ro " + DISK + " /mnt\n"));
        assertThat(host.events())
                .containsExactly("be1: fuser -km /mnt -> 127", "be1: mount -o ro " + DISK + " /mnt -> 2");
    }
}
