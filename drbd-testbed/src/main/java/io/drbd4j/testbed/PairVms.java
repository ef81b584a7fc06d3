package io.drbd4j.testbed;

import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VMs of a {@link RealDrbdPair} by host name, in slot order, and what outlives a VM: the directory of disks,
 * consoles and sockets, the known_hosts file, how often each name booted (one ssh control socket per boot), the VMs
 * replaced, and whether the replication link is down. Creates, boots and replaces VMs. Its state is guarded by its
 * own lock, which a boot does not hold while it waits for sshd (the wait's runners read the state).
 */
final class PairVms {
    // Logged as the pair's: the test bed's output is read and filtered under RealDrbdPair.
    private static final Logger LOG = LoggerFactory.getLogger(RealDrbdPair.class);

    private static final Pattern ACCEPTED = Pattern.compile("Accepted publickey for root");

    private final RealDrbdPair.Builder config;
    private final TestbedImage image;
    private final Path dir;
    private final Path knownHosts;
    private final Function<String, CommandRunner> runners;
    private final Map<String, VirtualMachine> vms = new LinkedHashMap<>();
    private final List<VirtualMachine> retired = new ArrayList<>();
    private final Map<String, Integer> boots = new LinkedHashMap<>();
    private boolean partitioned;

    /**
     * Creates the VMs of a pair.
     *
     * @param config the builder, read at each boot and each new VM (memory, replication rate, timeout, disk size)
     * @param image the image every VM boots
     * @param dir the test bed's directory
     * @param runners the pair's runner of each host name, for the wait for sshd
     */
    PairVms(RealDrbdPair.Builder config, TestbedImage image, Path dir, Function<String, CommandRunner> runners) {
        this.config = config;
        this.image = image;
        this.dir = dir;
        this.knownHosts = dir.resolve("known_hosts");
        this.runners = runners;
    }

    synchronized List<String> hosts() {
        return List.copyOf(vms.keySet());
    }

    /**
     * Returns the current VMs, in slot order.
     *
     * @return the current VMs, in slot order
     */
    synchronized List<VirtualMachine> current() {
        return List.copyOf(vms.values());
    }

    synchronized VirtualMachine vm(String host) {
        VirtualMachine vm = vms.get(host);
        if (vm == null) {
            throw new IllegalArgumentException("no host " + host + " (expected: one of " + vms.keySet() + ")");
        }
        return vm;
    }

    /**
     * Returns the VM by that name, or the last one that had it before it was replaced.
     *
     * @return the VM by that name, or the last one that had it before it was replaced
     */
    synchronized VirtualMachine lastVm(String host) {
        VirtualMachine vm = vms.get(host);
        for (int i = retired.size() - 1; vm == null && i >= 0; i--) {
            if (retired.get(i).name().equals(host)) {
                vm = retired.get(i);
            }
        }
        if (vm == null) {
            throw new IllegalArgumentException("no host " + host + " now or before");
        }
        return vm;
    }

    /**
     * Returns how to log in to the host as it booted last (the contract is {@link RealDrbdPair#target}).
     *
     * @return how to log in to the host as it booted last (the contract is {@link RealDrbdPair#target})
     */
    synchronized SshTarget target(String host) {
        VirtualMachine vm = vm(host);
        return SshTarget.builder()
                .user("root")
                .host("127.0.0.1")
                .port(vm.slot().sshPort())
                .identity(image.clientKey())
                .knownHosts(knownHosts)
                .hostKeyChecking(SshTarget.HostKeyChecking.YES)
                .controlPath(dir.resolve("cm-" + host + "-" + boots.getOrDefault(host, 0)))
                .controlPersist(Duration.ofMinutes(10))
                .build();
    }

    /**
     * Returns the ssh logins on every console the name had, over all its boots and VMs.
     *
     * @return the ssh logins on every console the name had, over all its boots and VMs
     */
    synchronized int sshLogins(String host) {
        int count = 0;
        List<VirtualMachine> all = new ArrayList<>(retired);
        all.addAll(vms.values());
        for (VirtualMachine vm : all) {
            if (vm.name().equals(host) && Files.exists(vm.console())) {
                try {
                    Matcher m = ACCEPTED.matcher(Files.readString(vm.console(), StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        count++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return count;
    }

    /**
     * Returns what the host's current VM printed on its console.
     *
     * @return what the host's current VM printed on its console
     */
    synchronized String console(String host) {
        try {
            return Files.readString(vm(host).console(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the first VMs, one slot each in the given order, linked to each other on {@code network}.1, .2 ...
     *
     * @return the VMs, not started
     */
    List<VirtualMachine> create(List<String> names, String network) {
        int[] udp = {freeUdpPort(), freeUdpPort()};
        List<VirtualMachine> machines = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            VirtualMachine.Slot slot =
                    new VirtualMachine.Slot(i, freeTcpPort(), udp[i], udp[1 - i], network + "." + (i + 1), 24);
            VirtualMachine vm = newVm(names.get(i), slot);
            put(vm);
            machines.add(vm);
        }
        return machines;
    }

    /** Boots the named VMs at once and waits until each answers ssh. */
    void boot(List<VirtualMachine> machines) {
        for (VirtualMachine vm : machines) {
            synchronized (this) {
                boots.merge(vm.name(), 1, Integer::sum);
            }
            vm.start(config.memoryMiB, config.replicationRate, config.unpreparedStorage);
        }
        SshWait.awaitAll(machines, runners, config.bootTimeout);
        if (partitioned) {
            machines.forEach(vm -> vm.replicationLink(false));
        }
    }

    /**
     * Returns a VM in the slot with new, blank disks, its host key known; not started, not yet in the pair.
     *
     * @return a VM in the slot with new, blank disks, its host key known; not started, not yet in the pair
     */
    synchronized VirtualMachine newVm(String name, VirtualMachine.Slot slot) {
        VirtualMachine vm = new VirtualMachine(name, slot, image, dir);
        try {
            createDisk(vm.backingDisk(), config.backingBytes);
            createDisk(vm.persistentDisk(), 32L << 20);
            String key = image.hostKey();
            Files.writeString(
                    knownHosts,
                    "[127.0.0.1]:" + slot.sshPort() + " " + key + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vm;
    }

    private static void createDisk(Path file, long bytes) throws IOException {
        Files.deleteIfExists(file);
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes); // sparse: nothing is written until the guest writes
        }
    }

    synchronized void put(VirtualMachine vm) {
        vms.put(vm.name(), vm);
    }

    synchronized void replace(String lost, VirtualMachine replacement) {
        VirtualMachine old = vms.remove(lost);
        if (old != null) {
            old.kill();
            retired.add(old);
        }
        // In slot order: the replacement takes the lost host's place, first or second, in chef-server.rb.
        List<VirtualMachine> all = new ArrayList<>(vms.values());
        all.add(replacement);
        all.sort(Comparator.comparingInt(v -> v.slot().index()));
        vms.clear();
        all.forEach(v -> vms.put(v.name(), v));
    }

    synchronized void linkState(boolean up) {
        partitioned = !up;
        for (VirtualMachine vm : vms.values()) {
            if (vm.isRunning()) {
                vm.replicationLink(up);
            }
        }
    }

    /** Kills every VM and deletes the directory, unless {@code drbd4j.testbed.keep} is true. */
    synchronized void close() {
        vms.values().forEach(VirtualMachine::kill);
        if (Boolean.getBoolean("drbd4j.testbed.keep")) {
            LOG.info("test bed kept in {}", dir);
            return;
        }
        // An ssh connection master exits on its own after its last client and removes its socket (cm-HOST-N) in
        // this directory meanwhile: a walk that meets a file gone since is walked again.
        Exception last = null;
        for (int attempt = 1; attempt <= 3 && Files.exists(dir); attempt++) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                last = e;
            }
        }
        if (Files.exists(dir)) {
            LOG.warn("could not delete {}: {}", dir, last);
        }
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
