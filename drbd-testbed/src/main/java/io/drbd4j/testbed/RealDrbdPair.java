package io.drbd4j.testbed;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import io.drbd4j.testkit.DrbdTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real DRBD 8.4 pair: two qemu VMs booted from a {@link TestbedImage}, each reached by ssh on 127.0.0.1 with one
 * shared connection, linked by a replication network of their own. It implements the test kit's {@link
 * DrbdTestCluster}, so a scenario written for the simulated pair runs here unchanged, and its {@link #faults()}
 * crash, reboot, partition and replace hosts for real.
 *
 * <pre>{@code
 * try (RealDrbdPair pair = RealDrbdPair.builder().build()) {       // boots be1 and be2, waits for sshd
 *     pair.configureDrbd();                                          // pc0 on /dev/drbd0 over the VMs' link
 *     CommandResult up = pair.runner("be1").run(Command.of(Duration.ofSeconds(30), "drbdadm", "up", "pc0"));
 *     pair.faults().crash("be2");
 * }
 * }</pre>
 *
 * <p>Hosts have no DRBD configuration until {@link #configureDrbd()} (or Chef's stand-in, {@code chef-server-ctl
 * reconfigure}, from {@code /etc/opscode/chef-server.rb}, see {@link #chefServerRb()}) writes it. Not thread-safe for
 * faults; runners may be used from any thread.
 */
public final class RealDrbdPair implements DrbdTestCluster, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealDrbdPair.class);

    /** The resource Chef's cookbook renders, on /dev/drbd0 and the backing disk /dev/opscode/drbd. */
    public static final String RESOURCE = "pc0";

    static final Duration PROBE = Duration.ofSeconds(10);
    private static final Pattern ACCEPTED = Pattern.compile("Accepted publickey for root");

    private final Builder config;
    private final TestbedImage image;
    private final Path dir;
    private final Path knownHosts;
    private final Map<String, VirtualMachine> vms = new LinkedHashMap<>();
    private final List<VirtualMachine> retired = new ArrayList<>();
    private final Map<String, Integer> boots = new LinkedHashMap<>();
    private final VmFaults faults;
    private final Map<String, AtomicLong> commands = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean partitioned;

    private RealDrbdPair(Builder config, TestbedImage image, Path dir) {
        this.config = config;
        this.image = image;
        this.dir = dir;
        this.knownHosts = dir.resolve("known_hosts");
        this.faults = new VmFaults(this);
    }

    /** @return a builder for be1 (10.99.0.1) and be2 (10.99.0.2), 128 MiB backing disks, 512 MiB of memory */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the image the VMs boot */
    public TestbedImage image() {
        return image;
    }

    @Override
    public synchronized List<String> hosts() {
        return List.copyOf(vms.keySet());
    }

    /**
     * @param host a host name
     * @return its replication address, as pc0.res names it
     */
    public synchronized String replicationAddress(String host) {
        return vm(host).slot().replicationAddress();
    }

    /**
     * @param host a host name
     * @return how to log in to it: root on 127.0.0.1 at its forwarded port, the image's key and host key, one shared
     *     connection per boot
     */
    public synchronized SshTarget target(String host) {
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

    @Override
    public CommandRunner runner(String host) {
        Objects.requireNonNull(host, "host");
        vm(host);
        // Looked up per command: a reboot or a replacement changes the control socket behind the name.
        return command -> {
            commands.computeIfAbsent(host, h -> new AtomicLong()).incrementAndGet();
            return SshRunner.create(target(host)).run(command);
        };
    }

    /** @return the application writer and the check for lost acknowledged writes */
    public RecordWriter writer() {
        return new RecordWriter(this);
    }

    @Override
    public VmFaults faults() {
        return faults;
    }

    /** @return the system clock: a real pair's time passes for real */
    @Override
    public Sleeper sleeper() {
        return Sleeper.system();
    }

    /**
     * @param host a host name
     * @return how many commands its runners ran (each one ssh round trip at least), over every boot of that name
     */
    public long commandsRun(String host) {
        AtomicLong n = commands.get(host);
        return n == null ? 0 : n.get();
    }

    /**
     * @param host a host name
     * @return how many ssh logins its sshd accepted, over every boot of that name (each is a new connection; commands
     *     on a shared connection are not counted)
     */
    public synchronized int sshConnections(String host) {
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
     * @param host a host name
     * @return what the VM's console printed (kernel messages, DRBD's among them, and sshd's log)
     */
    public synchronized String console(String host) {
        try {
            return Files.readString(vm(host).console(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the {@code /etc/opscode/chef-server.rb} of the current hosts: the first is the bootstrap backend, both
     *     are backends with their replication addresses
     */
    public synchronized String chefServerRb() {
        StringBuilder rb = new StringBuilder("topology \"ha\"\n");
        boolean first = true;
        for (VirtualMachine vm : vms.values()) {
            rb.append("server \"")
                    .append(vm.name())
                    .append("\", :ipaddress => \"")
                    .append(vm.slot().replicationAddress())
                    .append("\", :role => \"backend\"")
                    .append(first ? ", :bootstrap => true" : "")
                    .append('\n');
            first = false;
        }
        return rb.append("backend_vip \"backend\", :ipaddress => \"")
                .append(config.network)
                .append(".10\", :device => \"eth1\"\n")
                .toString();
    }

    /**
     * Writes Chef's DRBD configuration (drbd.conf and pc0.res as the cookbook renders them, {@code /etc/drbd.conf}
     * linked to it) on every running host, from {@link #chefServerRb()} and the given shared secret, without the rest
     * of Chef's setup: for tests of DRBD alone.
     *
     * @param sharedSecret DRBD's {@code shared-secret}
     */
    public void configureDrbd(String sharedSecret) {
        String rb = chefServerRb();
        String secrets = "{\"drbd\":{\"shared_secret\":\"" + sharedSecret + "\"}}\n";
        for (String host : hosts()) {
            CommandRunner r = runner(host);
            check(host, r.run(stdin("tee", "/etc/opscode/chef-server.rb", rb)));
            check(host, r.run(stdin("tee", "/etc/opscode/private-chef-secrets.json", secrets)));
            check(host, r.run(Command.of(PROBE, "chef-server-ctl", "render-drbd")));
        }
    }

    /** {@link #configureDrbd(String)} with a fixed test secret. */
    public void configureDrbd() {
        configureDrbd("drbd4j-testbed");
    }

    private static Command stdin(String program, String path, String text) {
        return Command.builder()
                .argv(List.of(program, path))
                .timeout(PROBE)
                .stdin(text.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static void check(String host, CommandResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException(host + ": " + result.command() + " failed with exit code "
                    + result.exitCode() + ": " + result.stderrText().strip());
        }
    }

    /**
     * @param host a host name
     * @return its {@code /proc/drbd}, the bytes as the kernel printed them
     */
    public byte[] procDrbd(String host) {
        CommandResult result = runner(host).run(Command.of(PROBE, "cat", "/proc/drbd"));
        check(host, result);
        return result.stdout();
    }

    /** Kills every VM and deletes the disks, unless {@code drbd4j.testbed.keep} is true (for a post mortem). */
    @Override
    public synchronized void close() {
        vms.values().forEach(VirtualMachine::kill);
        if (Boolean.getBoolean("drbd4j.testbed.keep")) {
            LOG.info("test bed kept in {}", dir);
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ VM lifecycle

    synchronized VirtualMachine vm(String host) {
        VirtualMachine vm = vms.get(host);
        if (vm == null) {
            throw new IllegalArgumentException("no host " + host + " (expected: one of " + vms.keySet() + ")");
        }
        return vm;
    }

    /** @return the VM by that name, or the last one that had it before it was replaced */
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

    /** Boots the named VMs at once and waits until each answers ssh. */
    void boot(List<VirtualMachine> machines) {
        for (VirtualMachine vm : machines) {
            synchronized (this) {
                boots.merge(vm.name(), 1, Integer::sum);
            }
            vm.start(config.memoryMiB, config.replicationRate);
        }
        SshWait.awaitAll(machines, this::runner, config.bootTimeout);
        if (partitioned) {
            machines.forEach(vm -> vm.replicationLink(false));
        }
    }

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
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vm;
    }

    private static void createDisk(Path file, long bytes) throws IOException {
        Files.deleteIfExists(file);
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
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
        all.sort(java.util.Comparator.comparingInt(v -> v.slot().index()));
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

    /** Builds and boots a pair. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>(List.of("be1", "be2"));
        private String network = "10.99.0";
        private long backingBytes = 128L << 20;
        private int memoryMiB = 512;
        private Path cache = TestbedImage.defaultCache();
        private Duration bootTimeout = Duration.ofMinutes(4);
        private java.util.Optional<String> replicationRate = java.util.Optional.empty();

        private Builder() {}

        /**
         * @param first the first host's name (the bootstrap backend in {@link #chefServerRb()})
         * @param second the second host's name
         * @return this builder
         */
        public Builder hosts(String first, String second) {
            names.clear();
            names.add(io.drbd4j.exec.Arguments.hostName(first));
            names.add(io.drbd4j.exec.Arguments.hostName(second));
            return this;
        }

        /**
         * @param bytes each backing disk's size (a sparse file); 128 MiB by default, 16 MiB at least
         * @return this builder
         */
        public Builder backingSize(long bytes) {
            if (bytes < (16L << 20)) {
                throw new IllegalArgumentException("backing size " + bytes + " B (expected: 16 MiB or more)");
            }
            this.backingBytes = bytes;
            return this;
        }

        /**
         * @param mib each VM's memory; 512 MiB by default
         * @return this builder
         */
        public Builder memoryMiB(int mib) {
            if (mib < 256) {
                throw new IllegalArgumentException("memory " + mib + " MiB (expected: 256 or more)");
            }
            this.memoryMiB = mib;
            return this;
        }

        /**
         * @param directory where images are cached; {@link TestbedImage#defaultCache()} by default
         * @return this builder
         */
        public Builder cache(Path directory) {
            this.cache = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param rate the replication link's bandwidth in each direction, in tc's units ({@code 40mbit}); by default
         *     as fast as qemu forwards (the initial sync of 128 MiB then takes a few seconds)
         * @return this builder
         */
        public Builder replicationRate(String rate) {
            if (!rate.matches("[1-9][0-9]{0,6}(kbit|mbit)")) {
                throw new IllegalArgumentException(
                        "replication rate " + rate + " (expected: such as 40mbit or 800kbit)");
            }
            this.replicationRate = java.util.Optional.of(rate);
            return this;
        }

        /**
         * @param timeout how long a VM may take from start to answering ssh; 4 minutes by default
         * @return this builder
         */
        public Builder bootTimeout(Duration timeout) {
            this.bootTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Builds (or finds) the image, boots both VMs in parallel and waits until both answer ssh.
         *
         * @return the running pair; close it to kill the VMs
         * @throws TestbedUnavailableException when the image cannot be built or a VM does not come up
         */
        public RealDrbdPair build() {
            TestbedImage image = TestbedImage.ensure(cache);
            Path dir;
            try {
                // Short: qemu's monitor and ssh's control sockets live here, and a Unix socket path has 108 bytes.
                dir = Files.createTempDirectory(Path.of("/tmp"), "drbd4j-tb");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RealDrbdPair pair = new RealDrbdPair(this, image, dir);
            try {
                int[] udp = {freeUdpPort(), freeUdpPort()};
                List<VirtualMachine> machines = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    VirtualMachine.Slot slot =
                            new VirtualMachine.Slot(i, freeTcpPort(), udp[i], udp[1 - i], network + "." + (i + 1), 24);
                    VirtualMachine vm = pair.newVm(names.get(i), slot);
                    pair.put(vm);
                    machines.add(vm);
                }
                pair.boot(machines);
                return pair;
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
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
