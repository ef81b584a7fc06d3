package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.mounted;
import static io.drbd4j.chef.Conditions.readyPresent;
import static io.drbd4j.chef.Conditions.roleUpToDate;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replacing a secondary that is lost for good (chef-ha-procedures.md W5): a new host gets the Chef configuration, DRBD
 * meta data on its blank disk, a full resync from the master, and joins as backup.
 *
 * <p>{@link ChefHaCluster#primary()} is the master M, the other backend the replacement NEW (the lost one's name and
 * address on new hardware, or another host). The lost secondary must be gone for good ({@link PeerGone}, guard
 * G-FENCE): M must not be connected to a peer holding data. Steps: {@code check}; when NEW's name or address differ,
 * the new Chef configuration written on M, {@code chef-server-ctl reconfigure} there (which may restart keepalived, so
 * the master bounces through backup, §2.5 item 7: plan a window; the step waits until M is master again) and {@code
 * drbdadm adjust} so DRBD reads the new peer from pc0.res; on NEW the configuration copied from M, reconfigure up to
 * its drbd_ready wait, {@code create-md} (only where {@code dump-md} finds no valid meta data), {@code up}; {@code
 * drbdadm connect} on M if StandAlone; the full resync waited for with progress; on NEW {@code drbd_ready} and
 * reconfigure, after which it is backup. Preparing NEW's disk, LVM volume, packages and DRBD (W5.1) comes before.
 */
public final class ReplaceSecondary {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "replace-secondary";

    private final ChefHaCluster cluster;
    private final PeerGone gone;
    private final Optional<byte[]> newConfig;

    private ReplaceSecondary(ChefHaCluster cluster, PeerGone gone, Optional<byte[]> newConfig) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.gone = Objects.requireNonNull(gone, "gone");
        this.newConfig = newConfig;
        if (gone.host().equals(cluster.primary())) {
            throw new IllegalArgumentException("the lost backend " + gone.host() + " is named as the master"
                    + " (expected: the cluster's primary is the master, the other backend the replacement)");
        }
    }

    /**
     * @param cluster the master as {@link ChefHaCluster#primary()}, the replacement as the other backend
     * @param gone the lost secondary and how it was confirmed gone for good
     * @return the replacement
     */
    public static ReplaceSecondary of(ChefHaCluster cluster, PeerGone gone) {
        return new ReplaceSecondary(cluster, gone, Optional.empty());
    }

    /**
     * @param chefServerRb the new {@code /etc/opscode/chef-server.rb} (the first of {@link
     *     ChefHaCluster#configFiles()}) naming the replacement; written to the master before anything else changes
     * @return this replacement with that configuration
     */
    public ReplaceSecondary withConfiguration(byte[] chefServerRb) {
        return new ReplaceSecondary(cluster, gone, Optional.of(chefServerRb.clone()));
    }

    /**
     * @return the workflow
     * @throws IllegalArgumentException when the replacement is another host than the lost one (name or address) and
     *     no new configuration was given
     */
    public Workflow workflow() {
        gone.requireConfigurationFor(cluster, newConfig, "master");
        return new Workflow(NAME, cluster, this::steps);
    }

    private List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String m = c.primary();
        String nw = c.secondaryBackend().name();
        DrbdDialect dialect = dialects.of(m);
        DrbdDialect newDialect = dialects.of(nw);
        Condition fenced = Condition.of(
                gone.host() + " gone for good (" + gone.confirmation() + "); " + m
                        + " not connected to a peer holding data",
                st -> noPeerWithData(st.primary()),
                st -> st.primary().drbdWords() + ": a peer holding data is connected");
        Condition master = roleUpToDate(c, true, Role.PRIMARY);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.builder("check", m)
                .guard(fenced.and(master))
                .once()
                .note("the lost secondary " + gone.host() + " (" + gone.address() + ") must never come back with its"
                        + " disk: wipe it before it rejoins")
                .advice("a connected peer with data means " + gone.host() + " is not gone: rejoin it instead"
                        + " (rejoin-secondary) or check ha-status; " + m + " must be Primary with UpToDate data")
                .build());
        if (newConfig.isPresent()) {
            Condition masterAgain = clusterRole(c, true, "master").and(master).and(mounted(c, true));
            steps.add(CommonSteps.writeConfiguration(c, "configure-master", newConfig.get())
                    .guard(fenced)
                    .advice("check that " + gone.host() + " is gone and " + m + " reachable")
                    .build());
            steps.add(Step.builder("reconfigure-master", m)
                    .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                    .guard(fenced.and(readyPresent(c, true)))
                    .once()
                    .waitFor(Wait.of(masterAgain, c.stateTimeout()))
                    .note("reconfigure renders pc0.res; a changed keepalived.conf restarts keepalived, so " + m
                            + " may bounce through backup (services stopped, unmounted) before it is master again"
                            + " (§2.5 item 7): plan a maintenance window")
                    .advice(m + " must be the master that finished its setup (drbd_ready present); check ha-status")
                    .build());
            steps.add(CommonSteps.adjustToNewPeer(c, dialect, "adjust-master")
                    .guard(fenced)
                    .advice("check that " + gone.host() + " is gone and " + m + " reachable")
                    .build());
        }
        steps.add(CommonSteps.copyConfig(c, false, "copy-config"));
        steps.add(CommonSteps.renderConfig(c, false, "render-config-new"));
        steps.add(CommonSteps.createMd(c, false, newDialect, "create-md-new"));
        steps.add(CommonSteps.upReplacement(c, newDialect, "up-new"));
        steps.add(Step.builder("connect-master", m)
                .run(dialect.connect(c.resource()))
                .when(Condition.of(
                        m + " StandAlone", st -> st.primary().is(ConnectionState.STAND_ALONE), st -> st.primary()
                                .drbdWords()))
                .guard(master)
                .done(Condition.of(
                        m + " not StandAlone", st -> !st.primary().is(ConnectionState.STAND_ALONE), st -> st.primary()
                                .drbdWords()))
                .advice(m + " must be Primary with UpToDate data; check ha-status")
                .build());
        steps.add(CommonSteps.waitSync(c, "wait-sync"));
        steps.add(CommonSteps.readySecondary(c, "ready-new"));
        steps.add(CommonSteps.reconfigureSecondary(c, "reconfigure-new"));
        return steps;
    }

    /** @return no peer with data is connected: disconnected, or the peer's disk Inconsistent (a fresh replacement) */
    private static boolean noPeerWithData(HostState s) {
        return s.disconnected() || s.peerDisk().equals(Optional.of(DiskState.INCONSISTENT));
    }
}
