package io.drbd4j.chef;

import static io.drbd4j.chef.engine.Side.KEEPER;
import static io.drbd4j.chef.engine.Side.OTHER;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.chef.engine.Step;
import io.drbd4j.chef.engine.Wait;
import io.drbd4j.chef.guards.ChefFiles;
import io.drbd4j.chef.guards.Drbd;
import io.drbd4j.chef.guards.Fence;
import io.drbd4j.chef.guards.Filesystem;
import io.drbd4j.chef.guards.Keepalived;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replacing a secondary that is lost for good: a new host gets the Chef configuration, DRBD
 * meta data on its blank disk, a full resync from the master, and joins as backup.
 *
 * <p>{@link ChefHaCluster#keeper()} is the master M, the other backend the replacement NEW (the lost one's name and
 * address on new hardware, or another host). The lost secondary must be gone for good ({@link PeerGone}, the
 * fencing guard): M must not be connected to a peer holding data. Steps: {@code check}; when NEW's name or address differ,
 * the new Chef configuration written on M, {@code chef-server-ctl reconfigure} there (which may restart keepalived, so
 * the master bounces through backup: plan a window; the step waits until M is master again) and {@code
 * drbdadm adjust} so DRBD reads the new peer from pc0.res; on NEW the configuration copied from M, reconfigure up to
 * its drbd_ready wait, {@code create-md} (only where {@code dump-md} finds no valid meta data), {@code up}; {@code
 * drbdadm connect} on M if StandAlone; the full resync waited for with progress; on NEW {@code drbd_ready} and
 * reconfigure, after which it is backup. Preparing NEW's disk, LVM volume, packages and DRBD comes before.
 */
public final class ReplaceSecondary {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "replace-secondary";

    /** The master, M, which keeps running. */
    private static final Side MASTER = KEEPER;

    /** The replacement, NEW, a blank disk that becomes a full copy. */
    private static final Side REPLACEMENT = OTHER;

    private final ChefHaCluster cluster;
    private final PeerGone gone;
    private final Optional<byte[]> newConfig;

    private ReplaceSecondary(ChefHaCluster cluster, PeerGone gone, Optional<byte[]> newConfig) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.gone = Objects.requireNonNull(gone, "gone");
        this.newConfig = newConfig;
        if (gone.host().equals(cluster.keeper())) {
            throw new IllegalArgumentException("the lost backend " + gone.host() + " is named as the master"
                    + " (expected: the cluster's keeper is the master, the other backend the replacement)");
        }
    }

    /**
     * Returns the replacement.
     *
     * @param cluster the master as {@link ChefHaCluster#keeper()}, the replacement as the other backend
     * @param gone the lost secondary and how it was confirmed gone for good
     * @return the replacement
     */
    public static ReplaceSecondary of(ChefHaCluster cluster, PeerGone gone) {
        return new ReplaceSecondary(cluster, gone, Optional.empty());
    }

    /**
     * Returns this replacement with that configuration.
     *
     * @param chefServerRb the new {@code /etc/opscode/chef-server.rb} (the first of {@link
     *     ChefHaCluster#configFiles()}) naming the replacement; written to the master before anything else changes
     * @return this replacement with that configuration
     */
    public ReplaceSecondary withConfiguration(byte[] chefServerRb) {
        return new ReplaceSecondary(cluster, gone, Optional.of(chefServerRb.clone()));
    }

    /**
     * Returns the workflow.
     *
     * @return the workflow
     * @throws IllegalArgumentException when the replacement is another host than the lost one (name or address) and
     *     no new configuration was given
     */
    public Workflow workflow() {
        gone.requireConfigurationFor(cluster, newConfig, "master");
        return new Workflow(NAME, cluster, this::steps);
    }

    private List<Step> steps(Pair p) {
        List<Step> steps = new ArrayList<>();
        steps.add(check(p)); // W5.1
        if (newConfig.isPresent()) {
            steps.add(configureMaster(p, newConfig.get())); // W5.2
            steps.add(reconfigureMaster(p));
            steps.add(adjustMaster(p));
        }
        steps.add(SharedSteps.copyConfig(p, REPLACEMENT, "copy-config"));
        steps.add(SharedSteps.renderConfig(p, REPLACEMENT, "render-config-new")); // W5.3
        steps.add(SharedSteps.createMd(p, REPLACEMENT, "create-md-new"));
        steps.add(SharedSteps.upReplacement(p, "up-new"));
        steps.add(connectMaster(p)); // W5.4
        steps.add(SharedSteps.waitSync(p, "wait-sync"));
        steps.add(SharedSteps.readySecondary(p, "ready-new")); // W5.5
        steps.add(SharedSteps.reconfigureSecondary(p, "reconfigure-new"));
        return steps;
    }

    /** The fencing guard: the lost secondary gone, M not connected to a peer holding data. */
    private Condition fenced(Pair p) {
        return Fence.lostPeerGone(p, MASTER, gone, Role.SECONDARY);
    }

    private static Condition master(Pair p) {
        return Drbd.roleUpToDate(p, MASTER, Role.PRIMARY);
    }

    private Step check(Pair p) {
        return p.step("check", MASTER)
                .guard(fenced(p).and(master(p)))
                .once()
                .note("the lost secondary " + gone.host() + " (" + gone.address() + ") must never come back with its"
                        + " disk: wipe it before it rejoins")
                .advice("a connected peer with data means " + gone.host() + " is not gone: rejoin it instead"
                        + " (rejoin-secondary) or check ha-status; " + p.name(MASTER) + " must be Primary with"
                        + " UpToDate data")
                .build();
    }

    private Step configureMaster(Pair p, byte[] config) {
        return SharedSteps.writeConfiguration(p, "configure-master", config)
                .guard(fenced(p))
                .done(ChefFiles.holds(p, MASTER, p.cluster().configFiles().get(0), config))
                .advice(reachable(p))
                .build();
    }

    /** A changed keepalived.conf restarts keepalived: M bounces through backup before it is master again. */
    private Step reconfigureMaster(Pair p) {
        Condition masterAgain =
                Keepalived.clusterRole(p, MASTER, "master").and(master(p)).and(Filesystem.mounted(p, MASTER));
        return p.step("reconfigure-master", MASTER)
                .run(Command.of(p.cluster().reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(fenced(p).and(ChefFiles.readyPresent(p, MASTER)))
                .once()
                .waitFor(Wait.of(masterAgain, p.cluster().stateTimeout()))
                .note("reconfigure renders pc0.res; a changed keepalived.conf restarts keepalived, so " + p.name(MASTER)
                        + " may bounce through backup (services stopped, unmounted) before it is master again"
                        + ": plan a maintenance window")
                .advice(p.name(MASTER) + " must be the master that finished its setup (drbd_ready present); check"
                        + " ha-status")
                .build();
    }

    private Step adjustMaster(Pair p) {
        return SharedSteps.adjustToNewPeer(p, "adjust-master")
                .guard(fenced(p))
                .done(Drbd.configuredPeer(p, MASTER, p.backend(OTHER)))
                .advice(reachable(p))
                .build();
    }

    private static Step connectMaster(Pair p) {
        return p.step("connect-master", MASTER)
                .run(p.dialect(MASTER).connect(p.cluster().resource()))
                .when(Drbd.standAlone(p, MASTER))
                .guard(master(p))
                .done(Drbd.notStandAlone(p, MASTER))
                .advice(p.name(MASTER) + " must be Primary with UpToDate data; check ha-status")
                .build();
    }

    private String reachable(Pair p) {
        return "check that " + gone.host() + " is gone and " + p.name(MASTER) + " reachable";
    }
}
