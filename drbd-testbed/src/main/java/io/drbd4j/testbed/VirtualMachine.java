package io.drbd4j.testbed;

import io.drbd4j.core.time.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One qemu VM of the test bed: TCG (nested KVM hangs on this machine kind), one CPU, the image's kernel and
 * initramfs, a virtio disk for DRBD's backing device and one for Chef's files, a user-mode NIC that reaches nothing
 * ({@code restrict=on}) but forwards a port on 127.0.0.1 to sshd, and a replication NIC on qemu's UDP socket backend
 * on 127.0.0.1 (a killed VM's slot can be booted again, or by a new VM, and the link comes back). Its monitor, on a
 * Unix socket, takes the replication link down and up.
 */
final class VirtualMachine {
    /** The replication NIC's id in qemu, for {@code set_link}. */
    private static final String REPLICATION_NIC = "repl";

    private static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(10);

    private final Slot slot;
    private final String name;
    private final TestbedImage image;
    private final Path dir;
    private Process process;

    /**
     * Where a VM sits: its ports and disks, which outlive the VM (a reboot boots the same slot, a replacement a new
     * VM with new disks in it).
     */
    record Slot(int index, int sshPort, int udpLocal, int udpRemote, String replicationAddress, int prefix) {
        String mac() {
            return String.format("52:54:00:99:00:%02x", index + 1);
        }
    }

    VirtualMachine(String name, Slot slot, TestbedImage image, Path dir) {
        this.name = name;
        this.slot = slot;
        this.image = image;
        this.dir = dir;
    }

    String name() {
        return name;
    }

    Slot slot() {
        return slot;
    }

    Path backingDisk() {
        return dir.resolve(name + "-drbd.img");
    }

    Path persistentDisk() {
        return dir.resolve(name + "-persist.img");
    }

    Path console() {
        return dir.resolve(name + "-console.log");
    }

    private Path monitorSocket() {
        return dir.resolve(name + ".mon");
    }

    /**
     * The qemu command line. The NICs load no option ROM ({@code romfile=}): the kernel is booted directly, and
     * without it qemu needs the ipxe-qemu package, which qemu-system-x86 only recommends. With {@code
     * unpreparedStorage}, the image's rcS leaves the first disk blank for LVM instead of linking it as Chef's backing
     * disk.
     */
    List<String> argv(int memoryMiB, java.util.Optional<String> replicationRate, boolean unpreparedStorage) {
        String append = "console=ttyS0 panic=-1 quiet drbd4j.host=" + name + " drbd4j.repl=" + slot.replicationAddress()
                + "/" + slot.prefix() + " drbd4j.replmac=" + slot.mac()
                + replicationRate.map(r -> " drbd4j.replrate=" + r).orElse("")
                + (unpreparedStorage ? " drbd4j.storage=unprepared" : "");
        List<String> argv = new ArrayList<>(List.of(
                "qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-smp", "1", "-m", String.valueOf(memoryMiB)));
        argv.addAll(List.of("-no-reboot", "-display", "none", "-nodefaults", "-name", name));
        argv.addAll(List.of(
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString()));
        argv.addAll(List.of("-append", append));
        argv.addAll(List.of("-drive", "file=" + backingDisk() + ",format=raw,if=virtio,cache=writeback"));
        argv.addAll(List.of("-drive", "file=" + persistentDisk() + ",format=raw,if=virtio,cache=writeback"));
        argv.addAll(List.of(
                "-netdev",
                "user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:" + slot.sshPort() + "-:22",
                "-device",
                "virtio-net-pci,netdev=mgmt,romfile="));
        argv.addAll(List.of(
                "-netdev",
                "socket,id=" + REPLICATION_NIC + ",udp=127.0.0.1:" + slot.udpRemote() + ",localaddr=127.0.0.1:"
                        + slot.udpLocal(),
                "-device",
                "virtio-net-pci,netdev=" + REPLICATION_NIC + ",mac=" + slot.mac() + ",romfile="));
        argv.addAll(List.of("-device", "virtio-rng-pci"));
        argv.addAll(
                List.of("-chardev", "file,id=console,path=" + console() + ",append=on", "-serial", "chardev:console"));
        argv.addAll(List.of("-monitor", "unix:" + monitorSocket() + ",server=on,wait=off"));
        return argv;
    }

    /** Starts qemu; the VM boots in the background (see {@link SshWait} for the wait for sshd). */
    synchronized void start(int memoryMiB, java.util.Optional<String> replicationRate, boolean unpreparedStorage) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " runs already");
        }
        try {
            process = new ProcessBuilder(argv(memoryMiB, replicationRate, unpreparedStorage))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve(name + "-qemu.log").toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new TestbedUnavailableException("cannot start qemu for " + name + ": " + e, e);
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Pulls the plug: qemu is killed, whatever the guest had not written to its disks is lost. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("qemu for " + name + " did not end 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
        process = null;
    }

    /**
     * Brings the replication link up or down.
     *
     * @param up whether the replication link carries traffic
     */
    void replicationLink(boolean up) {
        monitor("set_link " + REPLICATION_NIC + (up ? " on" : " off"));
    }

    /**
     * Sends one command to qemu's human monitor and waits for its next prompt.
     *
     * @return what the monitor printed in answer
     */
    synchronized String monitor(String command) {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running: cannot send \"" + command + "\" to its monitor");
        }
        long deadline = System.nanoTime() + MONITOR_TIMEOUT.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(monitorSocket()));
            channel.configureBlocking(false);
            readPrompt(channel, deadline);
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            return readPrompt(channel, deadline);
        } catch (IOException e) {
            throw new UncheckedIOException("qemu monitor of " + name + ": " + command, e);
        }
    }

    private String readPrompt(SocketChannel channel, long deadline) throws IOException {
        StringBuilder seen = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (seen.indexOf("(qemu) ") < 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no monitor prompt within " + MONITOR_TIMEOUT.toSeconds() + " s; seen: " + seen);
            }
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("the monitor closed; seen: " + seen);
            }
            if (n == 0) {
                pause();
                continue;
            }
            seen.append(new String(buffer.array(), 0, n, StandardCharsets.US_ASCII));
        }
        return seen.toString();
    }

    private static void pause() throws IOException {
        try {
            Sleeper.system().sleep(Duration.ofMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the monitor", e);
        }
    }
}
