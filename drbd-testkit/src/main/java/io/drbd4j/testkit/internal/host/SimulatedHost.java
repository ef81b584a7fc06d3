package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One simulated machine: an in-memory file tree, block devices, mounts, listening TCP ports and Chef Server service
 * state, answering the commands the Chef HA workflows run with the real tools' stdout, stderr and exit codes (see
 * {@link #run}). A mount makes the device's {@link Volume} appear under the mount point, so a file written under
 * {@value #DRBD_MOUNT} lives on the DRBD device and disappears from view when it is unmounted.
 *
 * <p>Commands answered: {@code mkfs.ext4 [-q] [-F] [-E discard|nodiscard] DEV}, {@code blkid -p -o value -s TYPE DEV}, {@code
 * blkid -p -o export DEV}, {@code lsblk} ({@link ProbeCommands}), the lvm2 commands of {@link LvmCommands} and {@link
 * LvmReports}, {@code resize2fs}, {@code e2fsck -f -y} and {@code df} ({@link FsCommands}), {@code mkdir -p P},
 * {@code mount DEV P}, {@code umount P}, {@code mountpoint -q P}, {@code touch F}, {@code chmod MODE F}, {@code test -e F}, {@code rm -f
 * F}, {@code cat F...}, {@code tee F}, {@code dd of=F}, {@code ss -Hltn sport = :PORT}, {@code timeout [-k K] T PROG ...} and {@code chef-server-ctl
 * stop|start|status [SVC]}, {@code reconfigure}, {@code master-recover}, {@code backup-recover}. An unknown program
 * exits 127 with {@code <prog>: command not found} (what {@code sh -c} reports, without the shell's name); a known
 * program with arguments this simulation does not model exits 2 with {@code simulated host: unsupported command:
 * <argv>}, so a test notices instead of getting a wrong answer. Not thread-safe.
 */
public final class SimulatedHost {
    /** Where the DRBD filesystem is mounted on a Chef HA backend. */
    public static final String DRBD_MOUNT = "/var/opt/opscode/drbd/data";

    /** The sentinel reconfigure waits for; on the root filesystem, not on DRBD. */
    public static final String DRBD_READY = "/var/opt/opscode/drbd/drbd_ready";

    /** The DRBD device Chef mounts (Chef's {@code drbd['device']}). */
    public static final String DRBD_DEVICE = "/dev/drbd0";

    private final String name;
    private final DeviceGate gate;
    private final FsNode root = FsNode.directory();
    private final Map<String, BlockDevice> devices = new TreeMap<>();
    private final Map<String, BlockDevice> mounts = new LinkedHashMap<>();
    private final Set<String> heldOpen = new HashSet<>();
    private final Map<Integer, Integer> listening = new TreeMap<>();
    private final List<String> events = new ArrayList<>();
    private final FileCommands files = new FileCommands(this);
    private final DiskCommands disks = new DiskCommands(this);
    private final ChefServerCtl chef = new ChefServerCtl(this);
    private final Lvm lvm = new Lvm(this);
    private final LvmCommands lvmCommands = new LvmCommands(this, lvm);
    private final LvmReports lvmReports = new LvmReports(lvm);
    private final ProbeCommands probes = new ProbeCommands(this);
    private final FsCommands fs = new FsCommands(this);
    /** Partition device → the disk it is on. */
    private final Map<String, String> partitionParents = new TreeMap<>();

    private Supplier<Optional<SimulatedHost>> vrrpPeer = Optional::empty;

    /**
     * Creates a host.
     *
     * @param name the host name, used in the event log
     * @param gate the DRBD layer's view of {@code /dev/drbdN}
     */
    public SimulatedHost(String name, DeviceGate gate) {
        this.name = Objects.requireNonNull(name, "name");
        this.gate = Objects.requireNonNull(gate, "gate");
        for (String dir : List.of("/etc/opscode", "/var/opt/opscode/drbd", "/var/opt/opscode/keepalived", "/tmp")) {
            files.mkdirs(dir);
        }
    }

    /**
     * Returns the host name.
     *
     * @return the host name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the Chef Server state of this host.
     *
     * @return the Chef Server state of this host
     */
    public ChefServerCtl chef() {
        return chef;
    }

    /**
     * Names the other backend of the keepalived (VRRP) pair, so that stopping or starting keepalived here can move the
     * master role as the election would (see {@link ChefServerCtl}). Without it (the default) no election happens.
     *
     * @param peer gives the peer host as it is at the time of the call (a replaced host is looked up again); empty
     *     when there is none
     */
    public void vrrpPeer(Supplier<Optional<SimulatedHost>> peer) {
        this.vrrpPeer = Objects.requireNonNull(peer, "peer");
    }

    /**
     * Registers a block device, blank until formatted.
     *
     * @param path the device path, e.g. {@code /dev/opscode/drbd} or {@code /dev/drbd0}
     * @param sizeBytes its size
     * @return the device
     */
    public BlockDevice addDevice(String path, long sizeBytes) {
        if (devices.containsKey(path)) {
            throw new IllegalArgumentException("device already registered: " + path);
        }
        BlockDevice device = new BlockDevice(path, sizeBytes);
        devices.put(path, device);
        return device;
    }

    /**
     * Returns the registered device.
     *
     * @param path a device path
     * @return the registered device
     */
    public Optional<BlockDevice> device(String path) {
        return Optional.ofNullable(devices.get(path));
    }

    /**
     * Returns mount point → device path, in mount order.
     *
     * @return mount point → device path, in mount order
     */
    public Map<String, String> mounts() {
        Map<String, String> view = new LinkedHashMap<>();
        mounts.forEach((point, device) -> view.put(point, device.path()));
        return Collections.unmodifiableMap(view);
    }

    /**
     * Something listens on a TCP port ({@code ss} shows it), e.g. DRBD on 7788 once the resource is up.
     *
     * @param port the port
     * @param backlog the listen backlog {@code ss} prints in its Send-Q column
     */
    public void listen(int port, int backlog) {
        listening.put(port, backlog);
    }

    /**
     * Stops listening on a port.
     *
     * @param port a port nothing listens on any more
     */
    public void stopListening(int port) {
        listening.remove(port);
    }

    /**
     * Keeps a mount point busy, as an operator's shell would.
     *
     * @param mountPoint a mount point some process (an operator's shell) keeps busy
     */
    public void holdOpen(String mountPoint) {
        heldOpen.add(FileCommands.normalize(mountPoint));
    }

    /**
     * Lets go of a mount point kept busy.
     *
     * @param mountPoint a mount point the process let go of
     */
    public void release(String mountPoint) {
        heldOpen.remove(FileCommands.normalize(mountPoint));
    }

    /**
     * The machine loses power: every process and mount is gone (files on the root filesystem stay; a DRBD device's
     * open count is the DRBD layer's to reset).
     */
    public void powerOff() {
        mounts.clear();
        heldOpen.clear();
        listening.clear();
        chef.powerOff();
        events.add(name + ": powered off");
    }

    /** The machine boots: runit starts the services without a {@code down} file. */
    public void boot() {
        chef.boot();
        events.add(name + ": booted");
    }

    /**
     * Returns every command run so far with its exit code, e.g.
     *
     * @return every command run so far with its exit code, e.g. {@code "be1: mount /dev/drbd0 /mnt -> 0"}
     */
    public List<String> events() {
        return Collections.unmodifiableList(events);
    }

    /**
     * Answers one command.
     *
     * @param argv program and arguments
     * @param stdin what the command reads (only {@code tee} reads it); null for none
     * @return what the real tool would print and return
     */
    public Outcome run(List<String> argv, byte[] stdin) {
        List<String> args = List.copyOf(argv);
        Outcome outcome = dispatch(args, stdin == null ? new byte[0] : stdin);
        events.add(name + ": " + String.join(" ", args) + " -> " + outcome.exitCode());
        return outcome;
    }

    /**
     * Returns the outcome, with no stdin.
     *
     * @param argv program and arguments
     * @return the outcome, with no stdin
     */
    public Outcome run(String... argv) {
        return run(Arrays.asList(argv), null);
    }

    private Outcome dispatch(List<String> args, byte[] stdin) {
        if (args.isEmpty()) {
            return unsupported(args);
        }
        String program = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (program) {
            case "mkfs.ext4" -> disks.mkfs(rest);
            case "blkid" ->
                rest.size() == 4 && rest.subList(0, 3).equals(List.of("-p", "-o", "export"))
                        ? probes.blkidExport(rest.get(3))
                        : disks.blkid(rest);
            case "lsblk" -> probes.lsblk(rest);
            case "pvs", "vgs", "lvs" -> lvmReports.run(program, rest);
            case "pvcreate", "vgcreate", "vgextend", "lvcreate", "lvextend" -> lvmCommands.run(program, rest);
            case "resize2fs" -> fs.resize2fs(rest);
            case "e2fsck" -> fs.e2fsck(rest);
            case "df" -> fs.df(rest);
            case "mount" -> disks.mount(rest);
            case "umount" -> disks.umount(rest);
            case "mountpoint" -> disks.mountpoint(rest);
            case "cat" -> rest.equals(List.of("/proc/mounts")) ? disks.procMounts() : files.run(program, rest, stdin);
            case "mkdir", "rmdir", "touch", "chmod", "test", "rm", "tee", "dd" -> files.run(program, rest, stdin);
            case "ss" -> ss(rest);
            // The simulated file tree has no symbolic links: the canonical path is the normalized one.
            case "readlink" ->
                rest.size() == 2 && rest.get(0).equals("-f")
                        ? Outcome.ok(FileCommands.normalize(rest.get(1)) + "\n")
                        : unsupported(args);
            case "chef-server-ctl" -> chef.run(rest);
            case "timeout" -> timeout(rest, stdin);
            default -> Outcome.fail(127, program + ": command not found\n");
        };
    }

    /**
     * {@code timeout [-k KILL] LIMIT PROG ARGS...} (coreutils): the simulated commands never run past a limit except
     * {@code chef-server-ctl reconfigure} waiting for drbd_ready, which already answers what timeout(1) reports (exit
     * 124), so the rest runs as it is.
     */
    private Outcome timeout(List<String> args, byte[] stdin) {
        int at = 0;
        if (args.size() > 1 && args.get(0).equals("-k")) {
            at = 2;
        }
        if (args.size() < at + 2
                || !args.get(at).matches("[0-9]+[smhd]?")
                || !args.get(at + 1).matches("[a-z].*")) {
            return unsupported(prepend("timeout", args));
        }
        return dispatch(args.subList(at + 1, args.size()), stdin);
    }

    static Outcome unsupported(List<String> args) {
        return Outcome.fail(2, "simulated host: unsupported command: " + String.join(" ", args) + "\n");
    }

    /**
     * {@code ss -Hltn sport = :PORT}. Captured with ss (iproute2) on Debian 12 and a Python listener with backlog 5
     * on 0.0.0.0:7788: {@code "LISTEN 0      5      0.0.0.0:7788 0.0.0.0:*\n"}, exit 0; nothing and exit 0 for a
     * port without a listener (compared in {@code RealHostToolsTest}).
     */
    private Outcome ss(List<String> args) {
        if (args.size() != 4
                || !args.get(0).equals("-Hltn")
                || !args.get(1).equals("sport")
                || !args.get(2).equals("=")
                || !args.get(3).matches(":[0-9]{1,5}")) {
            return unsupported(prepend("ss", args));
        }
        int port = Integer.parseInt(args.get(3).substring(1));
        Integer backlog = listening.get(port);
        if (backlog == null) {
            return Outcome.ok();
        }
        return Outcome.ok(String.format("LISTEN 0      %-6d 0.0.0.0:%d 0.0.0.0:*%n", backlog, port));
    }

    static List<String> prepend(String program, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(program);
        all.addAll(args);
        return all;
    }

    // ---- state shared with the command classes ----

    DeviceGate gate() {
        return gate;
    }

    /**
     * Returns the other keepalived backend, when one is wired and it is not this host.
     *
     * @return the other keepalived backend, when one is wired and it is not this host
     */
    Optional<SimulatedHost> vrrpPeer() {
        return vrrpPeer.get().filter(peer -> peer != this);
    }

    /**
     * Logs an event of this host.
     *
     * @param line an event of this host, such as a transition keepalived ran
     */
    void event(String line) {
        events.add(name + ": " + line);
    }

    FsNode root() {
        return root;
    }

    Map<String, BlockDevice> mountTable() {
        return mounts;
    }

    Map<String, BlockDevice> deviceTable() {
        return devices;
    }

    /**
     * Returns the file's bytes; empty when there is no such file.
     *
     * @param path an absolute path
     * @return the file's bytes; empty when there is no such file
     */
    public java.util.Optional<byte[]> fileContents(String path) {
        FileCommands.Lookup file = files().lookup(path);
        return file.found() ? java.util.Optional.of(file.node().contents()) : java.util.Optional.empty();
    }

    FileCommands files() {
        return files;
    }

    DiskCommands disks() {
        return disks;
    }

    Lvm lvm() {
        return lvm;
    }

    /**
     * Returns partition device → the disk it is on.
     *
     * @return partition device → the disk it is on
     */
    Map<String, String> partitionParents() {
        return partitionParents;
    }

    /**
     * Returns the filesystem at the start of the device: its own, or for the backing disk of a DRBD device the one
     * DRBD replicates there.
     *
     * @param path a device path
     * @return the filesystem, or empty for a blank device
     */
    Optional<Volume> filesystemOn(String path) {
        BlockDevice device = devices.get(path);
        if (device == null) {
            return Optional.empty();
        }
        if (device.volume().isPresent()) {
            return device.volume();
        }
        return gate.dataOn(path).flatMap(BlockDevice::volume);
    }

    /**
     * Returns whether an exclusive open of the device fails (EBUSY): it or a partition of it is mounted, or DRBD holds
     * it as its attached backing disk.
     *
     * @param path a device path
     * @return whether an exclusive open of the device fails
     */
    boolean heldExclusively(String path) {
        for (BlockDevice mounted : mounts.values()) {
            if (mounted.path().equals(path) || path.equals(partitionParents.get(mounted.path()))) {
                return true;
            }
        }
        return gate.holderOf(path).isPresent();
    }

    /**
     * Returns whether a process uses the mount point: an explicit hold, or a running Chef service on the DRBD mount.
     *
     * @return whether a process uses the mount point: an explicit hold, or a running Chef service on the DRBD mount
     */
    boolean busy(String mountPoint) {
        return heldOpen.contains(mountPoint) || (mountPoint.equals(DRBD_MOUNT) && chef.anyHaServiceRunning());
    }

    /** {@code fuser -km}: kills every process holding the mount point. */
    void killHolders(String mountPoint) {
        heldOpen.remove(mountPoint);
        chef.killHaServices();
    }

    /**
     * Returns the mount points that lie on the path's way, longest first.
     *
     * @return the mount points that lie on the path's way, longest first
     */
    Set<String> mountPointsLongestFirst() {
        Set<String> sorted =
                new TreeSet<>((a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b));
        sorted.addAll(mounts.keySet());
        return sorted;
    }
}
