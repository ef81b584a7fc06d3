package io.drbd4j.testbed;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommandStream;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import io.drbd4j.testkit.DrbdTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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
    /**
     * The resource Chef's cookbook renders, on /dev/drbd0 and the backing disk /dev/opscode/drbd (the first virtio
     * disk, or the logical volume opscode/drbd on it with {@link Builder#unpreparedStorage()}).
     */
    public static final String RESOURCE = "pc0";

    static final Duration PROBE = Duration.ofSeconds(10);

    private final Builder config;
    private final TestbedImage image;
    private final PairVms vms;
    private final VmFaults faults;
    private final Map<String, AtomicLong> commands = new java.util.concurrent.ConcurrentHashMap<>();

    private RealDrbdPair(Builder config, TestbedImage image, Path dir) {
        this.config = config;
        this.image = image;
        this.vms = new PairVms(config, image, dir, this::runner);
        this.faults = new VmFaults(vms);
    }

    /**
     * Returns a builder for be1 (10.99.0.1) and be2 (10.99.0.2), 128 MiB backing disks, 512 MiB of memory.
     *
     * @return a builder for be1 (10.99.0.1) and be2 (10.99.0.2), 128 MiB backing disks, 512 MiB of memory
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the image the VMs boot.
     *
     * @return the image the VMs boot
     */
    public TestbedImage image() {
        return image;
    }

    @Override
    public List<String> hosts() {
        return vms.hosts();
    }

    /**
     * Returns its replication address, as pc0.res names it.
     *
     * @param host a host name
     * @return its replication address, as pc0.res names it
     */
    public String replicationAddress(String host) {
        return vms.vm(host).slot().replicationAddress();
    }

    /**
     * Returns how to log in to it: root on 127.0.0.1 at its forwarded port, the image's key and host key, one shared
     * connection per boot.
     *
     * @param host a host name
     * @return how to log in to it: root on 127.0.0.1 at its forwarded port, the image's key and host key, one shared
     *     connection per boot
     */
    public SshTarget target(String host) {
        return vms.target(host);
    }

    @Override
    public CommandRunner runner(String host) {
        Objects.requireNonNull(host, "host");
        vms.vm(host);
        // Looked up per command: a reboot or a replacement changes the control socket behind the name.
        return new CommandRunner() {
            @Override
            public CommandResult run(Command command) {
                commands.computeIfAbsent(host, h -> new AtomicLong()).incrementAndGet();
                return SshRunner.create(target(host)).run(command);
            }

            /** A stream, such as {@code drbdsetup events}, over the same shared connection; it counts as a command. */
            @Override
            public Optional<CommandStream> stream(Command command) {
                commands.computeIfAbsent(host, h -> new AtomicLong()).incrementAndGet();
                return SshRunner.create(target(host)).stream(command);
            }
        };
    }

    /**
     * Returns the application writer and the check for lost acknowledged writes.
     *
     * @return the application writer and the check for lost acknowledged writes
     */
    public RecordWriter writer() {
        return new RecordWriter(this);
    }

    @Override
    public VmFaults faults() {
        return faults;
    }

    /**
     * Returns the system clock: a real pair's time passes for real.
     *
     * @return the system clock: a real pair's time passes for real
     */
    @Override
    public Sleeper sleeper() {
        return Sleeper.system();
    }

    /**
     * Returns how many commands its runners ran (each one ssh round trip at least), over every boot of that name.
     *
     * @param host a host name
     * @return how many commands its runners ran (each one ssh round trip at least), over every boot of that name
     */
    public long commandsRun(String host) {
        AtomicLong n = commands.get(host);
        return n == null ? 0 : n.get();
    }

    /**
     * Returns how many ssh logins its sshd accepted, over every boot of that name (each is a new connection; commands
     * on a shared connection are not counted).
     *
     * @param host a host name
     * @return how many ssh logins its sshd accepted, over every boot of that name (each is a new connection; commands
     *     on a shared connection are not counted)
     */
    public int sshConnections(String host) {
        return vms.sshLogins(host);
    }

    /**
     * Returns what the VM's console printed (kernel messages, DRBD's among them, and sshd's log).
     *
     * @param host a host name
     * @return what the VM's console printed (kernel messages, DRBD's among them, and sshd's log)
     */
    public String console(String host) {
        return vms.console(host);
    }

    /**
     * Returns the {@code /etc/opscode/chef-server.rb} of the current hosts: the first is the bootstrap backend, both
     * are backends with their replication addresses.
     *
     * @return the {@code /etc/opscode/chef-server.rb} of the current hosts: the first is the bootstrap backend, both
     *     are backends with their replication addresses
     */
    public String chefServerRb() {
        StringBuilder rb = new StringBuilder("topology \"ha\"\n");
        boolean first = true;
        for (VirtualMachine vm : vms.current()) {
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
     * Returns its {@code /proc/drbd}, the bytes as the kernel printed them.
     *
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
    public void close() {
        vms.close();
    }

    /**
     * Returns the VMs behind the host names.
     *
     * @return the VMs behind the host names
     */
    PairVms vms() {
        return vms;
    }

    /** Builds and boots a pair. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>(List.of("be1", "be2"));
        private String network = "10.99.0";
        private Path cache = TestbedImage.defaultCache();
        // Read by PairVms whenever a VM is made or booted, so they are not private.
        long backingBytes = 128L << 20;
        int memoryMiB = 512;
        Duration bootTimeout = Duration.ofMinutes(4);
        java.util.Optional<String> replicationRate = java.util.Optional.empty();
        boolean unpreparedStorage;

        private Builder() {}

        /**
         * Returns this builder.
         *
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
         * Returns this builder.
         *
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
         * Returns this builder.
         *
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
         * Returns this builder.
         *
         * @param directory where images are cached; {@link TestbedImage#defaultCache()} by default
         * @return this builder
         */
        public Builder cache(Path directory) {
            this.cache = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Returns this builder.
         *
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
         * Returns this builder, booting hosts whose storage under DRBD is not prepared: the backing disk {@code
         * /dev/vda} is left blank and no {@code /dev/opscode/drbd} exists until Chef's volume ({@code pvcreate},
         * {@code vgcreate opscode}, {@code lvcreate -n drbd}, as {@code PrepareStorage} runs them) makes it. Volume
         * groups are activated at every boot, so a rebooted host's volume comes back. By default {@code
         * /dev/opscode/drbd} is a link to {@code /dev/vda} itself. Applies to every VM the pair boots, replacements
         * included.
         *
         * @return this builder
         */
        public Builder unpreparedStorage() {
            this.unpreparedStorage = true;
            return this;
        }

        /**
         * Returns this builder.
         *
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
                pair.vms.boot(pair.vms.create(names, network));
                return pair;
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
        }
    }
}
