package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code chef-server-ctl} on a simulated Chef Server 12 HA backend, as the real one behaves:
 *
 * <ul>
 *   <li>{@code reconfigure} blocks until {@value SimulatedHost#DRBD_READY} exists. The real command
 *       then loops forever, printing its hints and "Press CTRL-C to abort" every 60 s; Chef's QA ran it under a 60 s
 *       timeout. The simulation returns at once with that text on stdout and exit {@value #TIMED_OUT}, what {@code
 *       timeout 60 chef-server-ctl reconfigure} reports. Before that wait it renders {@value #RESOURCE_FILE} from
 *       chef-server.rb's backends, as the real one renders drbd.conf and pc0.res. With the sentinel it creates the DRBD data directory, starts
 *       keepalived and prints "Chef Server Reconfigured!".
 *   <li>{@code start [SVC]} starts services but never keepalived unless named; the HA services keep their data
 *       under {@value SimulatedHost#DRBD_MOUNT}, so without that mount they fail to come up.
 *   <li>{@code stop [SVC]} stops services but never keepalived unless named. {@code stop keepalived} runs the
 *       backup transition ({@code notify_stop}); then, when the VRRP peer's keepalived runs and is not master
 *       already, the peer stops hearing adverts and runs the master transition ({@code notify_master} → {@code
 *       cluster.sh master}: promote DRBD, mount, start the HA services, {@code current_cluster_status} master), which
 *       fails as the real one does when this backend could not let go of DRBD (a busy mount).
 *   <li>{@code start keepalived} while the VRRP peer is master: keepalived comes up in BACKUP and with {@code
 *       nopreempt} stays there, running the backup transition ({@code notify_backup}); with no master peer the
 *       cluster status is left as it was (no election: nothing would answer it).
 *   <li>{@code status [SVC]} prints one runit line per service; HA services carry a {@code down} file, so a running
 *       one shows "normally down".
 *   <li>{@code master-recover} = {@code cluster.sh master}, {@code backup-recover} = {@code cluster.sh backup}:
 *       they move DRBD, the mount and the HA services, never the VIP. {@code reconfigure} writes
 *       {@value #CLUSTER_SH} once past its drbd_ready wait; where it never got that far both fail with
 *       exit 127 and the shell's "not found".
 * </ul>
 *
 * <p>The per-service lines follow runit's {@code sv} formats ({@code ok: run: SVC: (pid N) 0s}, {@code timeout: down:
 * SVC: 0s, normally down, want up}); they were not captured from a real Chef Server, which this machine lacks. Pids are
 * a counter and times are 0 s.
 */
public final class ChefServerCtl {
    /** Exit code of {@code reconfigure} stuck at the drbd_ready loop: the code timeout(1) returns. */
    public static final int TIMED_OUT = 124;

    /** The message the real drbd_ready loop repeats (modelled; only "Press CTRL-C to abort" is from the sources). */
    public static final String DRBD_READY_WAIT = "DRBD not ready: " + SimulatedHost.DRBD_READY
            + " does not exist.\nSet up DRBD (create-md, up, primary --force on the bootstrap node, mkfs, mount),"
            + " then touch " + SimulatedHost.DRBD_READY + ".\nPress CTRL-C to abort\n";

    /** The stateful services kept on the DRBD mount, with a {@code keepalive_me} sentinel, sorted. */
    public static final List<String> HA_SERVICES =
            List.of("bookshelf", "opscode-expander", "opscode-solr4", "postgresql", "rabbitmq", "redis_lb");

    /** The other services, running on both backends regardless of the cluster role. */
    public static final List<String> OTHER_SERVICES = List.of("nginx", "oc_bifrost", "oc_id", "opscode-erchef");

    static final String KEEPALIVED = "keepalived";
    static final String KEEPALIVED_DIR = "/var/opt/opscode/keepalived";
    static final String REQUESTED = KEEPALIVED_DIR + "/requested_cluster_status";
    static final String CURRENT = KEEPALIVED_DIR + "/current_cluster_status";
    static final String CLUSTER_LOG = "/var/log/opscode/keepalived/cluster.log";

    /** keepalived's transition script, written by reconfigure; master-recover and backup-recover run it. */
    public static final String CLUSTER_SH = KEEPALIVED_DIR + "/bin/cluster.sh";

    /**
     * What running a missing {@value #CLUSTER_SH} prints: dash's message for a program it cannot find ({@code sh -c
     * '/var/opt/opscode/keepalived/bin/cluster.sh master'} on Debian 12 prints this and exits 127).
     */
    static final String CLUSTER_SH_NOT_FOUND = "sh: 1: " + CLUSTER_SH + ": not found\n";

    private final SimulatedHost host;
    private final Map<String, Integer> pids = new HashMap<>();
    private int nextPid = 1000;

    ChefServerCtl(SimulatedHost host) {
        this.host = host;
    }

    /**
     * Returns whether it runs.
     *
     * @param service a service name, including {@code keepalived}
     * @return whether it runs
     */
    public boolean running(String service) {
        return pids.containsKey(service);
    }

    void powerOff() {
        pids.clear();
    }

    /**
     * Boot of a reconfigured backend: keepalived and the services without a {@code down} file start; the HA services
     * stay down for cluster.sh. keepalived's election at boot is not simulated: the cluster status stays as it was.
     */
    void boot() {
        if (clusterShWritten()) {
            pids.computeIfAbsent(KEEPALIVED, s -> nextPid++);
            OTHER_SERVICES.forEach(this::startOne);
        }
    }

    boolean anyHaServiceRunning() {
        return HA_SERVICES.stream().anyMatch(this::running);
    }

    void killHaServices() {
        HA_SERVICES.forEach(pids::remove);
    }

    /**
     * Returns every service {@code status} lists, keepalived included, in name order.
     *
     * @return every service {@code status} lists, keepalived included, in name order
     */
    private static List<String> allServices() {
        TreeSet<String> all = new TreeSet<>(HA_SERVICES);
        all.addAll(OTHER_SERVICES);
        all.add(KEEPALIVED);
        return List.copyOf(all);
    }

    Outcome run(List<String> args) {
        if (args.isEmpty()) {
            return unsupported(args);
        }
        String verb = args.get(0);
        List<String> named = args.subList(1, args.size());
        boolean oneService = named.size() == 1 && allServices().contains(named.get(0));
        if (!named.isEmpty() && !oneService || args.size() > 2) {
            return unsupported(args);
        }
        List<String> targets = oneService ? named : withoutKeepalived();
        return switch (verb) {
            case "start" -> start(targets);
            case "stop" -> stop(targets);
            case "status" -> status(oneService ? named : allServices());
            case "reconfigure" -> named.isEmpty() ? reconfigure() : unsupported(args);
            case "master-recover" ->
                !named.isEmpty() ? unsupported(args) : clusterShWritten() ? masterRecover() : noClusterSh();
            case "backup-recover" ->
                !named.isEmpty() ? unsupported(args) : clusterShWritten() ? backupRecover() : noClusterSh();
            default -> unsupported(args);
        };
    }

    private static Outcome unsupported(List<String> args) {
        return SimulatedHost.unsupported(SimulatedHost.prepend("chef-server-ctl", args));
    }

    private boolean clusterShWritten() {
        return host.files().lookup(CLUSTER_SH).found();
    }

    /** {@code exec cluster.sh STATE} where reconfigure never wrote it: nothing changes. */
    private static Outcome noClusterSh() {
        return Outcome.fail(127, CLUSTER_SH_NOT_FOUND);
    }

    private List<String> withoutKeepalived() {
        List<String> services = new ArrayList<>(allServices());
        services.remove(KEEPALIVED);
        return services;
    }

    private boolean drbdMounted() {
        return host.mountTable().containsKey(SimulatedHost.DRBD_MOUNT);
    }

    private boolean startOne(String service) {
        if (HA_SERVICES.contains(service) && !drbdMounted()) {
            return false;
        }
        pids.computeIfAbsent(service, s -> nextPid++);
        return true;
    }

    private static boolean hasDownFile(String service) {
        return HA_SERVICES.contains(service);
    }

    private Outcome start(List<String> services) {
        StringBuilder out = new StringBuilder();
        boolean failed = false;
        for (String service : services) {
            boolean keepalivedStarts = service.equals(KEEPALIVED) && !running(KEEPALIVED);
            if (startOne(service)) {
                if (keepalivedStarts) {
                    joinAsBackup();
                }
                out.append("ok: run: ")
                        .append(service)
                        .append(": (pid ")
                        .append(pids.get(service))
                        .append(") 0s\n");
            } else {
                failed = true;
                out.append("timeout: down: ").append(service).append(": 0s, normally down, want up\n");
            }
        }
        return new Outcome(failed ? 1 : 0, out.toString(), "");
    }

    private Outcome stop(List<String> services) {
        StringBuilder out = new StringBuilder();
        for (String service : services) {
            if (service.equals(KEEPALIVED) && running(KEEPALIVED)) {
                // keepalived's notify_stop runs the backup transition.
                pids.remove(KEEPALIVED);
                backupTransition();
                host.vrrpPeer().ifPresent(peer -> peer.chef().peerStoppedAdverts(host.name()));
            }
            pids.remove(service);
            out.append("ok: down: ").append(service).append(": 0s").append(hasDownFile(service) ? "" : ", normally up");
            out.append('\n');
        }
        return Outcome.ok(out.toString());
    }

    private Outcome status(List<String> services) {
        StringBuilder out = new StringBuilder();
        for (String service : services) {
            if (running(service)) {
                out.append("run: ")
                        .append(service)
                        .append(": (pid ")
                        .append(pids.get(service))
                        .append(") 0s");
                out.append(hasDownFile(service) ? ", normally down" : "");
            } else {
                out.append("down: ").append(service).append(": 0s").append(hasDownFile(service) ? "" : ", normally up");
            }
            out.append("; run: log: (pid 999) 0s\n");
        }
        return Outcome.ok(out.toString());
    }

    /** Where reconfigure renders the DRBD resource from chef-server.rb's backends. */
    public static final String RESOURCE_FILE = "/var/opt/opscode/drbd/etc/pc0.res";

    /** chef-server.rb's topology lines: {@code server "be1", :ipaddress => "10.0.0.1", :role => "backend"}. */
    private static final java.util.regex.Pattern SERVER = java.util.regex.Pattern.compile(
            "^\\s*server\\s+[\"']([^\"']+)[\"'](.*)$", java.util.regex.Pattern.MULTILINE);

    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile(":ipaddress\\s*=>\\s*[\"']([^\"']+)[\"']");

    /** The replication address when it differs from the public one. */
    private static final java.util.regex.Pattern CLUSTER_ADDRESS =
            java.util.regex.Pattern.compile(":cluster_ipaddress\\s*=>\\s*[\"']([^\"']+)[\"']");

    /**
     * Renders {@value #RESOURCE_FILE} as the private-chef cookbook does: one {@code on} section per backend that
     * chef-server.rb names, with its address on port 7788 (the shared secret goes to drbd.conf, not simulated). A
     * chef-server.rb without backends renders nothing. The simulated drbdadm reads the peer's address from it at
     * {@code up}, {@code connect} and {@code adjust}, as the real one reads the resource file.
     */
    private void renderResource() {
        FileCommands.Lookup config = host.files().lookup("/etc/opscode/chef-server.rb");
        if (!config.found()) {
            return;
        }
        StringBuilder res = new StringBuilder("resource pc0 {\n");
        java.util.regex.Matcher server = SERVER.matcher(new String(config.node().contents(), StandardCharsets.UTF_8));
        int backends = 0;
        while (server.find()) {
            java.util.regex.Matcher address = CLUSTER_ADDRESS.matcher(server.group(2));
            if (!address.find()) {
                address = ADDRESS.matcher(server.group(2));
            }
            if (server.group(2).contains("backend") && address.find(0)) {
                res.append("  on ")
                        .append(server.group(1))
                        .append(" {\n")
                        .append("    device ")
                        .append(SimulatedHost.DRBD_DEVICE)
                        .append(";\n")
                        .append("    disk /dev/opscode/drbd;\n    meta-disk internal;\n")
                        .append("    address ")
                        .append(address.group(1))
                        .append(":7788;\n  }\n");
                backends++;
            }
        }
        if (backends > 0) {
            write(RESOURCE_FILE, res.append("}\n").toString());
        }
    }

    private Outcome reconfigure() {
        renderResource();
        if (!host.files().lookup(SimulatedHost.DRBD_READY).found()) {
            return new Outcome(TIMED_OUT, DRBD_READY_WAIT, "");
        }
        host.files().mkdirs(KEEPALIVED_DIR + "/bin");
        // The DRBD data directory, where cluster.sh master mounts the device (it runs no mkdir itself).
        host.files().mkdirs(SimulatedHost.DRBD_MOUNT);
        write(CLUSTER_SH, "#!/bin/sh\n");
        boolean started = !running(KEEPALIVED);
        pids.computeIfAbsent(KEEPALIVED, s -> nextPid++);
        OTHER_SERVICES.forEach(this::startOne);
        if (started && !host.files().lookup(CURRENT).found()) {
            // keepalived starts in BACKUP with nopreempt; the VRRP election is not simulated: the backend that
            // holds DRBD Primary with the mount becomes master (cluster.sh master), the other one backup.
            if (host.gate().canOpen(SimulatedHost.DRBD_DEVICE) && drbdMounted()) {
                masterRecover();
            } else {
                write(REQUESTED, "backup\n");
                write(CURRENT, "backup\n");
                log("Transitioned to backup");
            }
        }
        return Outcome.ok("Chef Server Reconfigured!\n");
    }

    /**
     * The VRRP peer's keepalived stopped: with keepalived running here and not master already (requested status not
     * master), this backend stops hearing adverts, becomes MASTER and runs {@code notify_master}, that is {@code
     * cluster.sh master}. The real election waits for three missed adverts ({@code advert_int 1}); simulated time
     * does not advance for it.
     */
    private void peerStoppedAdverts(String peer) {
        if (!running(KEEPALIVED) || readStatus(REQUESTED).equals("master")) {
            return;
        }
        log("VRRP: no adverts from " + peer + ", entering MASTER state");
        host.event("keepalived: no adverts from " + peer + " -> MASTER, cluster.sh master");
        masterRecover();
    }

    /**
     * keepalived just started here: it starts in BACKUP and, with the VRRP peer master, {@code nopreempt}
     * keeps it there; {@code notify_backup} runs {@code cluster.sh backup}.
     */
    private void joinAsBackup() {
        boolean peerMaster = host.vrrpPeer()
                .map(peer -> peer.chef().running(KEEPALIVED)
                        && peer.chef().readStatus(CURRENT).equals("master"))
                .orElse(false);
        if (peerMaster) {
            log("VRRP: peer is MASTER, staying in BACKUP state (nopreempt)");
            host.event("keepalived: peer master -> BACKUP, cluster.sh backup");
            backupTransition();
        }
    }

    private String readStatus(String path) {
        FileCommands.Lookup file = host.files().lookup(path);
        return file.found() ? new String(file.node().contents(), StandardCharsets.UTF_8).strip() : "";
    }

    /**
     * {@code cluster.sh master}: {@code ha_backend_storage attach} promotes DRBD and mounts it, a failed mount
     * ignored; then each HA service is started in order and the transition aborts (exit 1, current
     * status unchanged) at the first that does not run.
     */
    private Outcome masterRecover() {
        write(REQUESTED, "master\n");
        log("Transitioning to master");
        host.gate().promote(SimulatedHost.DRBD_DEVICE);
        if (!drbdMounted()) {
            host.disks().mount(List.of(SimulatedHost.DRBD_DEVICE, SimulatedHost.DRBD_MOUNT));
        }
        for (String service : HA_SERVICES) {
            if (!startOne(service)) {
                String message = "Failed to start " + service + ", aborting transition to master\n";
                log(message.strip());
                return new Outcome(1, "", message);
            }
        }
        write(CURRENT, "master\n");
        log("Transitioned to master");
        return Outcome.ok();
    }

    /** {@code cluster.sh backup}: stop HA services, fuser -km, umount -f, drbdadm secondary. */
    private Outcome backupRecover() {
        return backupTransition() ? Outcome.ok() : new Outcome(1, "", "Failed to demote DRBD, aborting transition\n");
    }

    private boolean backupTransition() {
        write(REQUESTED, "backup\n");
        log("Transitioning to backup");
        for (int i = HA_SERVICES.size() - 1; i >= 0; i--) {
            pids.remove(HA_SERVICES.get(i));
        }
        if (drbdMounted()) {
            host.killHolders(SimulatedHost.DRBD_MOUNT);
            host.disks().umount(List.of("-f", SimulatedHost.DRBD_MOUNT));
        }
        if (!host.gate().demote(SimulatedHost.DRBD_DEVICE)) {
            log("Failed to demote DRBD");
            return false;
        }
        write(CURRENT, "backup\n");
        log("Transitioned to backup");
        return true;
    }

    private void write(String path, String text) {
        host.files().mkdirs(FileCommands.parent(path));
        Outcome outcome = host.files().run("tee", List.of(path), text.getBytes(StandardCharsets.UTF_8));
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(outcome.stderr());
        }
    }

    private void log(String line) {
        FileCommands.Lookup existing = host.files().lookup(CLUSTER_LOG);
        String before = existing.found() ? new String(existing.node().contents(), StandardCharsets.UTF_8) : "";
        write(CLUSTER_LOG, before + line + "\n");
    }
}
