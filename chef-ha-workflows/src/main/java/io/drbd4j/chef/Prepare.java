package io.drbd4j.chef;

import static io.drbd4j.chef.Conditions.filesExist;
import static io.drbd4j.chef.Conditions.freshPairConnected;
import static io.drbd4j.chef.Conditions.metaData;
import static io.drbd4j.chef.Conditions.readyAbsent;
import static io.drbd4j.chef.Conditions.up;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DRBD part of a Chef HA install before failover is established (chef-ha-procedures.md W1 steps 1.5-1.9): on
 * the bootstrap backend, {@code chef-server-ctl reconfigure} up to its drbd_ready wait (it renders drbd.conf, pc0.res
 * and the secrets), {@code drbdadm create-md} and {@code up}; the Chef configuration files copied to the other
 * backend; there the same reconfigure, create-md and up; then both show {@code Connected Secondary/Secondary
 * Inconsistent/Inconsistent}, where {@link FailoverSetup} starts.
 *
 * <p>{@code create-md} runs only where {@code drbdadm dump-md} finds no valid meta data (guard G-MD): on a disk
 * that has some it would overwrite the end of the volume. Installing packages and creating the LVM volume (W1.1-1.3)
 * are left to the operator.
 */
public final class Prepare {
    /** The workflow's name in plans and journals. */
    public static final String NAME = "prepare";

    /** reconfigure prints this every 60 s while it waits for drbd_ready (chef-ha-procedures.md §2.1). */
    static final String READY_WAIT = "Press CTRL-C to abort";

    /** How long reconfigure may run before its drbd_ready wait; Chef's QA gave it 60 s. */
    static final Duration RENDER_LIMIT = Duration.ofMinutes(5);

    private Prepare() {}

    /**
     * @param cluster the two backends; {@link ChefHaCluster#primary()} is the bootstrap backend
     * @return the workflow
     */
    public static Workflow workflow(ChefHaCluster cluster) {
        return new Workflow(NAME, cluster, Prepare::steps);
    }

    static List<Step> steps(ChefHaCluster c, Dialects dialects) {
        String p = c.primary();
        String s = c.secondaryBackend().name();
        List<Step> steps = new ArrayList<>();
        addBackend(steps, c, true, dialects.of(p), "primary");
        Step.Builder copy = Step.builder("copy-config", s)
                .run(Command.of(c.commandTimeout(), "mkdir", "-p", "/etc/opscode"))
                .guard(filesExist(c, true, c.configFiles()))
                .done(filesExist(c, false, c.configFiles()))
                .advice("reconfigure on " + p + " writes " + String.join(", ", c.configFiles())
                        + "; write chef-server.rb there and run this workflow again");
        for (String file : c.configFiles()) {
            // Created private before the contents arrive: the secrets file holds the DRBD shared secret.
            copy.run(Command.of(c.commandTimeout(), "touch", file));
            copy.run(Command.of(c.commandTimeout(), "chmod", "600", file));
            copy.run(new Action(
                    Command.of(c.commandTimeout(), "tee", file),
                    Optional.of(new String[] {p, file}),
                    CommandResult::succeeded,
                    "exit 0"));
        }
        steps.add(copy.build());
        addBackend(steps, c, false, dialects.of(s), "secondary");
        return steps;
    }

    private static void addBackend(List<Step> steps, ChefHaCluster c, boolean primary, DrbdDialect dialect, String r) {
        String host = primary ? c.primary() : c.secondaryBackend().name();
        steps.add(Step.builder("render-config-" + r, host)
                .run(new Action(
                        Command.of(
                                RENDER_LIMIT.plusSeconds(30),
                                "timeout",
                                "-k",
                                "10",
                                Long.toString(RENDER_LIMIT.toSeconds()),
                                "chef-server-ctl",
                                "reconfigure"),
                        Optional.empty(),
                        result ->
                                result.exitCode() == 124 && result.stdoutText().contains(READY_WAIT),
                        "stopped by timeout (exit 124) at the drbd_ready wait (\"" + READY_WAIT + "\")"))
                .guard(readyAbsent(c, primary))
                .note("reconfigure stops at its drbd_ready wait, as Chef's QA ran it; it renders drbd.conf and pc0.res")
                .advice("drbd_ready exists on " + host + ": DRBD was set up before; use ha-status instead")
                .build());
        steps.add(Step.builder("create-md-" + r, host)
                .run(dialect.createMd(c.resource(), false))
                .destroysData()
                .guard(metaData(c, primary, dialect, false))
                .done(metaData(c, primary, dialect, true))
                .advice("create-md writes over the end of the backing volume; it runs only where dump-md finds no"
                        + " DRBD meta data")
                .build());
        Step.Builder up = Step.builder("up-" + r, host)
                .run(dialect.up(c.resource()))
                .guard(metaData(c, primary, dialect, true))
                .done(up(c, primary))
                .advice("create the meta data first (create-md)");
        if (!primary) {
            up.waitFor(Wait.of(freshPairConnected(c), c.stateTimeout()));
        }
        steps.add(up.build());
    }
}
