package io.drbd4j.testkit.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.runner.CommonsExecRunner;
import io.drbd4j.testkit.internal.Outcome;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each real tool through {@link CommonsExecRunner} next to the {@link SimulatedHost} set up the same way (same
 * paths, an 8 MiB loop device under the same name) and requires identical exit codes, stdout and stderr. The device
 * tests need root and a free loop device; without them they are skipped with the reason printed, except under
 * CI=true, where a skip would hide a broken setup and fails instead.
 */
class RealHostToolsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommonsExecRunner runner = CommonsExecRunner.create();
    private final SimulatedHost host = new SimulatedHost("real", DeviceGate.none());

    @TempDir
    Path dir;

    private String device;
    private String mnt;

    @BeforeEach
    void mirrorTheTempDir() throws IOException {
        mnt = Files.createDirectory(dir.resolve("mnt")).toString();
        host.run("mkdir", "-p", mnt);
    }

    private void attachLoopDevice() throws IOException {
        Path image = dir.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8L << 20);
        }
        CommandResult attach;
        try {
            attach = runner.run(Command.of(TIMEOUT, "losetup", "-f", "--show", image.toString()));
        } catch (CommandStartException e) {
            skipOrFail("losetup is not installed: " + e.getMessage());
            return;
        }
        if (!attach.succeeded()) {
            skipOrFail("losetup -f --show failed (exit " + attach.exitCode() + "): "
                    + attach.stderrText().strip() + " (needs root and /dev/loop-control)");
        }
        device = attach.stdoutText().strip();
        host.addDevice(device, 8L << 20);
    }

    private static void skipOrFail(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            fail("real-tool comparison cannot run under CI=true: " + reason);
        }
        System.out.println("SKIPPED RealHostToolsTest: " + reason);
        Assumptions.abort(reason);
    }

    @AfterEach
    void detach() {
        if (device != null) {
            runner.run(Command.of(TIMEOUT, "umount", mnt));
            CommandResult detached = runner.run(Command.of(TIMEOUT, "losetup", "-d", device));
            assertThat(detached.exitCode()).as(detached.stderrText()).isZero();
        }
    }

    private Outcome same(byte[] stdin, String... argv) {
        Command command = Command.builder()
                .timeout(TIMEOUT)
                .addArgv(argv)
                .stdin(stdin == null ? new byte[0] : stdin)
                .build();
        CommandResult real = runner.run(command);
        Outcome expected = new Outcome(real.exitCode(), real.stdoutText(), real.stderrText());
        Outcome simulated = host.run(List.of(argv), stdin);
        assertThat(simulated).as("simulated %s", List.of(argv)).isEqualTo(expected);
        return simulated;
    }

    private Outcome same(String... argv) {
        return same(null, argv);
    }

    @Test
    void mkfsAndBlkidMatchTheRealTools() throws IOException {
        attachLoopDevice();
        assertThat(same("blkid", "-p", "-o", "value", "-s", "TYPE", device).exitCode())
                .isEqualTo(2);
        same("mount", device, mnt);
        same("mkfs.ext4", device);
        assertThat(same("blkid", "-p", "-o", "value", "-s", "TYPE", device).stdout())
                .isEqualTo("ext4\n");
        same("mkfs.ext4", "-q", "-F", device);
        same("mkfs.ext4", "-q", "/dev/nonexist-drbd4j");
        same("mkfs.ext4", "/dev/nonexist-drbd4j");
        same("blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/nonexist-drbd4j");
    }

    @Test
    void mountUmountAndMountpointMatchTheRealTools() throws Exception {
        attachLoopDevice();
        same("mkfs.ext4", "-q", device);
        same("mount", device, mnt + "/nonexist");
        same("mount", "/dev/nonexist-drbd4j", mnt);
        same("umount", mnt);
        same("umount", mnt + "/nonexist");
        same("mountpoint", "-q", mnt);
        same("mountpoint", "-q", mnt + "/nonexist");
        assertThat(same("mount", device, mnt).exitCode()).isZero();
        same("mount", device, mnt);
        same("mountpoint", "-q", mnt);
        same("mkfs.ext4", "-q", "-F", device);
        same("mkfs.ext4", device);
        same("touch", mnt + "/drbd_ready");
        same("test", "-e", mnt + "/drbd_ready");

        Process shell = new ProcessBuilder("sleep", "60")
                .directory(Path.of(mnt).toFile())
                .start();
        host.holdOpen(mnt);
        try {
            same("umount", mnt);
        } finally {
            shell.destroy();
            shell.waitFor(10, TimeUnit.SECONDS);
            host.release(mnt);
        }
        assertThat(same("umount", mnt).exitCode()).isZero();
        same("test", "-e", mnt + "/drbd_ready");
        same("mountpoint", "-q", mnt);
    }

    @Test
    void procMountsEscapesBlanksNewlinesAndBackslashesAsTheKernelDoes() throws IOException {
        attachLoopDevice();
        String odd = Files.createDirectory(dir.resolve("a b\tc\nd\\e")).toString();
        host.run("mkdir", "-p", odd);
        same("mkfs.ext4", "-q", device);
        assertThat(same("mount", device, odd).exitCode()).isZero();
        try {
            String real = lineOf(
                    runner.run(Command.of(TIMEOUT, "cat", "/proc/mounts")).stdoutText(), device);
            String simulated = lineOf(host.run("cat", "/proc/mounts").stdout(), device);

            assertThat(simulated).isEqualTo(real).contains("/a\\040b\\011c\\012d\\134e ext4 rw,relatime 0 0");
        } finally {
            runner.run(Command.of(TIMEOUT, "umount", odd));
        }
    }

    private static String lineOf(String procMounts, String source) {
        List<String> lines =
                procMounts.lines().filter(l -> l.startsWith(source + " ")).toList();
        assertThat(lines).as("mounts of %s in\n%s", source, procMounts).hasSize(1);
        return lines.get(0);
    }

    @Test
    void fileCommandsMatchTheRealTools() {
        String d = dir.toString();
        host.run("mkdir", "-p", d);
        same("cat", d + "/missing");
        same("cat", mnt);
        same("touch", d + "/missing/x");
        same("touch", d + "/file");
        same("cat", d + "/file");
        same("mkdir", "-p", d + "/file/x");
        same("mkdir", "-p", d + "/a/b/c");
        same("test", "-e", d + "/a/b/c");
        same("rm", "-f", mnt);
        same("rm", "-f", d + "/file");
        same("rm", "-f", d + "/file");
        same("test", "-e", d + "/file");
        byte[] stdin = "master\n".getBytes(StandardCharsets.UTF_8);
        same(stdin, "tee", d + "/status");
        same("cat", d + "/status");
        same(stdin, "tee", d + "/missing/x");
        same(stdin, "tee", mnt);
        same(stdin, "dd", "of=" + d + "/missing/x");
        same(stdin, "dd", "of=" + mnt);
    }

    @Test
    void ddWritesStdinSilentlyOnStdoutAsTheRealOneWithItsStatisticsOnStderr() {
        String d = dir.toString();
        host.run("mkdir", "-p", d);
        for (int size : new int[] {0, 1, 7, 512, 2000, 15000}) {
            byte[] stdin = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
            Command dd = Command.builder()
                    .timeout(TIMEOUT)
                    .addArgv("dd", "of=" + d + "/copy")
                    .stdin(stdin)
                    .build();
            CommandResult real = runner.run(dd);
            Outcome simulated = host.run(dd.argv(), stdin);
            assertThat(simulated.exitCode()).isEqualTo(real.exitCode()).isZero();
            assertThat(simulated.stdout()).isEqualTo(real.stdoutText()).isEmpty();
            // Time and rate are the real run's own; everything before them must match.
            String realStats = real.stderrText().substring(0, real.stderrText().indexOf(" copied, "));
            assertThat(simulated.stderr()).startsWith(realStats + " copied, ");
            assertThat(same("cat", d + "/copy").stdout()).hasSize(size);
        }
    }

    @Test
    void ssMatchesTheRealTool() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("0.0.0.0", 0), 5);
            int port = server.socket().getLocalPort();
            host.listen(port, 5);
            assertThat(same("ss", "-Hltn", "sport", "=", ":" + port).stdout()).startsWith("LISTEN");
        }
        // A port nothing listens on (the listener above is closed; its port is the likeliest to be free).
        same("ss", "-Hltn", "sport", "=", ":1");
    }
}
