package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.clusterRole;
import static io.drbd4j.chef.Conditions.filesExist;
import static io.drbd4j.chef.Conditions.metaData;
import static io.drbd4j.chef.Conditions.readyAbsent;
import static io.drbd4j.chef.Conditions.readyPresent;
import static io.drbd4j.chef.Conditions.roleUpToDate;
import static io.drbd4j.chef.Conditions.synced;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.Optional;

/**
 * Steps several workflows share: preparing a backend's DRBD (W1.5-1.9, W5.3, W7.5), waiting for the resync, and
 * letting the secondary join Chef (W1.17-1.18, W5.5, W7.8). "Primary" below is {@link ChefHaCluster#primary()}: the
 * backend that is or becomes DRBD Primary in the workflow; the other one is the secondary.
 */
final class CommonSteps {
    /** reconfigure prints this every 60 s while it waits for drbd_ready (chef-ha-procedures.md §2.1). */
    static final String READY_WAIT = "Press CTRL-C to abort";

    /** How long reconfigure may run before its drbd_ready wait; Chef's QA gave it 60 s. */
    static final Duration RENDER_LIMIT = Duration.ofMinutes(5);

    private CommonSteps() {}

    static String name(ChefHaCluster c, boolean primary) {
        return primary ? c.primary() : c.secondaryBackend().name();
    }

    /** @return {@code timeout 300 chef-server-ctl reconfigure}, a success when it stopped at the drbd_ready wait */
    static Action reconfigureUntilReadyWait() {
        return new Action(
                Command.of(
                        RENDER_LIMIT.plusSeconds(30),
                        "timeout",
                        "-k",
                        "10",
                        Long.toString(RENDER_LIMIT.toSeconds()),
                        "chef-server-ctl",
                        "reconfigure"),
                Optional.empty(),
                result -> result.exitCode() == 124 && result.stdoutText().contains(READY_WAIT),
                "stopped by timeout (exit 124) at the drbd_ready wait (\"" + READY_WAIT + "\")");
    }

    /** {@code chef-server-ctl reconfigure} up to its drbd_ready wait: it renders drbd.conf, pc0.res and secrets. */
    static Step renderConfig(ChefHaCluster c, boolean primary, String id) {
        String host = name(c, primary);
        return Step.builder(id, host)
                .run(reconfigureUntilReadyWait())
                .guard(readyAbsent(c, primary))
                .note("reconfigure stops at its drbd_ready wait, as Chef's QA ran it; it renders drbd.conf and pc0.res")
                .advice("drbd_ready exists on " + host + ": DRBD was set up before; use ha-status instead")
                .build();
    }

    /** {@code drbdadm create-md}, only where {@code dump-md} finds no valid meta data (G-MD). */
    static Step createMd(ChefHaCluster c, boolean primary, DrbdDialect dialect, String id) {
        return Step.builder(id, name(c, primary))
                .run(dialect.createMd(c.resource(), false))
                .destroysData()
                .guard(metaData(c, primary, dialect, false))
                .done(metaData(c, primary, dialect, true))
                .advice("create-md writes over the end of the backing volume; it runs only where dump-md finds no"
                        + " DRBD meta data")
                .build();
    }

    /** {@code drbdadm up}, then the given wait. */
    static Step up(ChefHaCluster c, boolean primary, DrbdDialect dialect, String id, Wait wait) {
        Step.Builder up = Step.builder(id, name(c, primary))
                .run(dialect.up(c.resource()))
                .guard(metaData(c, primary, dialect, true))
                .done(Conditions.up(c, primary))
                .advice("create the meta data first (create-md)");
        if (wait != null) {
            up.waitFor(wait);
        }
        return up.build();
    }

    /**
     * The new Chef configuration written on the primary (the survivor or master) when the replacement is another host.
     *
     * @return a step builder for the caller to add its guard and outcome to
     */
    static Step.Builder writeConfiguration(ChefHaCluster c, String id, byte[] contents) {
        String file = c.configFiles().get(0);
        return Step.builder(id, c.primary())
                .run(Command.builder()
                        .timeout(c.commandTimeout())
                        .addArgv("dd", "of=" + file)
                        .stdin(contents)
                        .build())
                .once()
                .note("writes " + file + " naming " + c.secondaryBackend().name() + " on " + c.primary());
    }

    /** @return {@code drbdadm adjust} on the primary, so DRBD reads the new peer's address from pc0.res */
    static Step.Builder adjustToNewPeer(ChefHaCluster c, DrbdDialect dialect, String id) {
        return Step.builder(id, c.primary())
                .run(dialect.resetResyncRate(c.resource()))
                .once()
                .note("drbdadm adjust: DRBD reads the new peer's address from pc0.res");
    }

    /** {@code drbdadm up} on the replacement, then listening on the DRBD port or already connected to the primary. */
    static Step upReplacement(ChefHaCluster c, DrbdDialect dialect, String id) {
        String nw = c.secondaryBackend().name();
        return up(
                c,
                false,
                dialect,
                id,
                Wait.of(
                        Condition.of(
                                nw + " listening on port " + c.port() + " (WFConnection), or connected to "
                                        + c.primary(),
                                st -> st.secondary().is(ConnectionState.WF_CONNECTION)
                                                && st.secondary().listening(c.port())
                                        || !st.secondary().disconnected(),
                                st -> st.secondary().drbdWords()),
                        c.stateTimeout()));
    }

    /** The Chef configuration files copied from the other backend, created 0600 before their contents arrive. */
    static Step copyConfig(ChefHaCluster c, boolean toPrimary, String id) {
        String from = name(c, !toPrimary);
        String to = name(c, toPrimary);
        Step.Builder copy = Step.builder(id, to)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", "/etc/opscode"))
                .guard(filesExist(c, !toPrimary, c.configFiles()))
                .done(Conditions.filesCopied(c, toPrimary, c.configFiles()))
                .advice("reconfigure on " + from + " writes " + String.join(", ", c.configFiles())
                        + "; write chef-server.rb there and run this workflow again");
        for (String file : c.configFiles()) {
            // The secrets file holds the DRBD shared secret: private before anything is written to it.
            copy.run(Command.of(c.commandTimeout(), "touch", file));
            copy.run(Command.of(c.commandTimeout(), "chmod", "600", file));
            // dd, unlike tee, does not echo what it writes: the secrets never come back on stdout.
            copy.run(new Action(
                    Command.of(c.commandTimeout(), "dd", "of=" + file),
                    Optional.of(new String[] {from, file}),
                    CommandResult::succeeded,
                    "exit 0"));
        }
        return copy.build();
    }

    /** Waits until the primary is Connected Primary/Secondary UpToDate/UpToDate, reporting the resync's progress. */
    static Step waitSync(ChefHaCluster c, String id) {
        String p = c.primary();
        String s = c.secondaryBackend().name();
        return Step.builder(id, p)
                .guard(roleUpToDate(c, true, Role.PRIMARY))
                .done(synced(c, true, Role.PRIMARY))
                .waitFor(new Wait(
                        synced(c, true, Role.PRIMARY),
                        c.syncTimeout(),
                        st -> st.primary().is(ConnectionState.STAND_ALONE)
                                ? Optional.of(st.primary().drbdWords() + ": not connecting to " + s
                                        + "; the resync goes on only after drbdadm connect " + c.resource())
                                : st.primary().disk().equals(Optional.of(DiskState.UP_TO_DATE))
                                        ? Optional.empty()
                                        : Optional.of(st.primary().drbdWords() + ": " + p + " lost its UpToDate data"),
                        st -> st.primary().is(ConnectionState.WF_CONNECTION)
                                ? Optional.of(st.primary().drbdWords() + ": " + s + " not connected")
                                : Optional.empty(),
                        true))
                .advice("the resync must finish before drbd_ready: " + s + " is not a copy until then;"
                        + " check ha-status on both backends")
                .build();
    }

    /** W1.17: drbd_ready on the secondary once it holds a copy and the primary is master. */
    static Step readySecondary(ChefHaCluster c, String id) {
        String s = c.secondaryBackend().name();
        return Step.builder(id, s)
                .run(Command.of(c.commandTimeout(), "touch", c.readyFile()))
                .guard(synced(c, false, Role.SECONDARY).and(clusterRole(c, true, "master")))
                .done(readyPresent(c, false))
                .advice("the secondary joins only once " + c.primary() + " is master and " + s
                        + " holds a complete copy; check ha-status")
                .build();
    }

    /** W1.18: reconfigure on the secondary; keepalived there becomes backup. */
    static Step reconfigureSecondary(ChefHaCluster c, String id) {
        return Step.builder(id, c.secondaryBackend().name())
                .run(Command.of(c.reconfigureTimeout(), "chef-server-ctl", "reconfigure"))
                .guard(synced(c, false, Role.SECONDARY).and(readyPresent(c, false)))
                .done(clusterRole(c, false, "backup"))
                .waitFor(Wait.of(clusterRole(c, false, "backup"), c.stateTimeout()))
                .advice("reconfigure the secondary only on a synced pair; check ha-status")
                .build();
    }
}
