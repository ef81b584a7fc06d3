package io.drbd4j.chef.engine;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chef services of one backend as {@code chef-server-ctl status} lists them, and which of them are the HA
 * services that only the master runs. Immutable.
 */
public final class ChefServices {
    /** keepalived, which runs on both backends and decides master and backup. */
    public static final String KEEPALIVED = "keepalived";

    /** keepalived's view of this backend's part: {@code master} or {@code backup}. */
    public static final String CLUSTER_STATUS = "/var/opt/opscode/keepalived/current_cluster_status";

    /** The part keepalived's transition script is running towards. */
    public static final String REQUESTED_STATUS = "/var/opt/opscode/keepalived/requested_cluster_status";

    /** keepalived's transition script, which reconfigure writes past its drbd_ready wait. */
    public static final String CLUSTER_SH = "/var/opt/opscode/keepalived/bin/cluster.sh";

    private final Map<String, Boolean> all;
    private final Map<String, Boolean> ha;

    private ChefServices(Map<String, Boolean> all, Map<String, Boolean> ha) {
        this.all = Collections.unmodifiableMap(new LinkedHashMap<>(all));
        this.ha = Collections.unmodifiableMap(new LinkedHashMap<>(ha));
    }

    /**
     * Returns what {@code chef-server-ctl status} lists.
     *
     * @param runner the backend's runner
     * @param cluster for the command timeout
     * @return what {@code chef-server-ctl status} lists
     * @throws CommandFailedException when it lists nothing and exits 127 (not installed)
     */
    static ChefServices read(CommandRunner runner, ChefHaCluster cluster) {
        CommandResult result = runner.run(Command.of(cluster.commandTimeout(), "chef-server-ctl", "status"));
        Map<String, Boolean> found = new LinkedHashMap<>();
        Map<String, Boolean> ha = new LinkedHashMap<>();
        // runit sv lines: "run: SVC: (pid N) Ts[, normally down]; run: log: ..." or "down: SVC: Ts[, normally
        // up]; ...". sv adds "normally down" to a running service with a down file and "normally up" to a
        // stopped one without: the HA services (keepalive_me, with a down file) are the running ones marked
        // "normally down" and the stopped ones not marked "normally up".
        for (String line : result.stdoutText().split("\n")) {
            String[] words = line.split(":", 3);
            if (words.length >= 2 && (words[0].equals("run") || words[0].equals("down"))) {
                boolean run = words[0].equals("run");
                String own = line.split(";", 2)[0];
                found.put(words[1].strip(), run);
                if (run ? own.contains("normally down") : !own.contains("normally up")) {
                    ha.put(words[1].strip(), run);
                }
            }
        }
        if (found.isEmpty() && result.exitCode() == 127) {
            throw new CommandFailedException(result);
        }
        return new ChefServices(found, ha);
    }

    /**
     * Returns each service listed and whether it runs, keepalived included.
     *
     * @return each service listed and whether it runs, keepalived included
     */
    public Map<String, Boolean> all() {
        return all;
    }

    /**
     * Returns the HA services (run by cluster.sh on the master only) and whether each runs.
     *
     * @return the HA services (run by cluster.sh on the master only) and whether each runs
     */
    public Map<String, Boolean> ha() {
        return ha;
    }

    /**
     * Returns whether it is listed and runs.
     *
     * @param service a service name
     * @return whether it is listed and runs
     */
    public boolean running(String service) {
        return all.getOrDefault(service, false);
    }

    /**
     * Returns at least one HA service listed, and all of them running.
     *
     * @return at least one HA service listed, and all of them running
     */
    public boolean haRunning() {
        return !ha.isEmpty() && ha.values().stream().allMatch(r -> r);
    }

    /**
     * Returns no HA service running.
     *
     * @return no HA service running
     */
    public boolean noHaRunning() {
        return ha.values().stream().noneMatch(r -> r);
    }

    /**
     * Returns every service that is neither an HA service nor keepalived runs (they run on both backends).
     *
     * @return every service that is neither an HA service nor keepalived runs (they run on both backends)
     */
    public boolean othersRunning() {
        return all.entrySet().stream()
                .filter(e -> !ha.containsKey(e.getKey()) && !e.getKey().equals(KEEPALIVED))
                .allMatch(Map.Entry::getValue);
    }

    /**
     * Returns at least one service listed, and every one of them running, keepalived included.
     *
     * @return at least one service listed, and every one of them running, keepalived included
     */
    public boolean allRunning() {
        return !all.isEmpty() && all.values().stream().allMatch(r -> r);
    }

    /**
     * Returns no service but keepalived running.
     *
     * @return no service but keepalived running
     */
    public boolean onlyKeepalived() {
        return all.entrySet().stream()
                .noneMatch(e -> e.getValue() && !e.getKey().equals(KEEPALIVED));
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
