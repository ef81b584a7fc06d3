package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.Plan;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.RejoinSecondary;
import io.drbd4j.chef.Switchover;
import io.drbd4j.chef.Workflow;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j plan WORKFLOW [--json] [--dialect 8.3|8.4] [--backend NAME=[USER@]HOST[:PORT] --backend ...
 * [--keeper NAME] [ssh options] [workflow options]]}: prints a Chef HA workflow's steps (the dry run, {@link Plan})
 * as text or as one line of JSON. Runs nothing that changes a host.
 *
 * <p>Without {@code --backend} it plans for the starting state {@code drbd4j demo} stages on drbd-testkit's simulated
 * pair be1/be2 ({@link DemoScenarios}) in the given dialect (default 8.4). With two {@code --backend} it plans for
 * those hosts over ssh, in the dialect given or the one detected on each host ({@code drbdadm --version}, which
 * changes nothing); recover-primary, replace-secondary, split-brain-recovery, both-secondary, grow-volume and
 * prepare-storage then need the {@link RecoveryOptions}. Without hosts those options are not used: the plan is of the
 * demo's staged choice (the copy kept, the size, the disk).
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the steps of a Chef HA workflow: host, guard, commands and what each waits for. Changes nothing.",
            "Without --backend, for the state the demo of the workflow stages on a simulated pair be1/be2; with two"
                    + " --backend, for those hosts over ssh (the first is the bootstrap backend, master, survivor or"
                    + " copy kept, unless --keeper says otherwise).",
            "On hosts, recover-primary and replace-secondary need --lost and --confirmed, split-brain-recovery"
                    + " and both-secondary --keep and --confirmed, grow-volume --size, prepare-storage --disk and"
                    + " --confirm-disk. Without --backend these options are not used: the plan is of the demo's"
                    + " choices."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a backend's dialect cannot be told (ssh cannot reach it, or no DRBD 8.3/8.4 userland)",
            "2:bad arguments"
        })
public final class PlanCommand implements Callable<Integer> {
    /** Each workflow that needs nothing but two backends, by its name; the others take {@link RecoveryOptions}. */
    static final Map<String, Function<ChefHaCluster, Workflow>> WORKFLOWS = workflows();

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "WORKFLOW",
            description = "The workflow: prepare (create DRBD metadata and bring the device up on both backends),"
                    + " failover-setup (make the first backend Primary, create the file system, sync, set up the"
                    + " master and the backup), recover-primary (make the surviving backend master after the master"
                    + " is lost), switchover (hand the master role to the other backend), rejoin-secondary (bring a"
                    + " backup that was down back in sync), replace-secondary (sync a new backend in place of a lost"
                    + " one), split-brain-recovery (keep one backend's data and resync the other; also:"
                    + " split-brain), both-secondary (make the copy chosen from the evidence master when neither"
                    + " backend is Primary), grow-volume (extend both backing volumes, DRBD and the file system) or"
                    + " prepare-storage (pvcreate, vgcreate and lvcreate on an empty disk of each backend).")
    private String workflow;

    @Option(names = "--json", description = "Print one line of JSON instead of text.")
    private boolean json;

    @Option(
            names = "--dialect",
            paramLabel = "8.3|8.4",
            description = "The drbdadm dialect (default: 8.4 for the simulated pair, detected on each --backend).")
    private String dialect;

    @ParentCommand
    private Drbd4jCommand parent;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private RecoveryOptions recovery;

    /** Creates the command; picocli sets the options. */
    public PlanCommand() {}

    private static Map<String, Function<ChefHaCluster, Workflow>> workflows() {
        Map<String, Function<ChefHaCluster, Workflow>> map = new LinkedHashMap<>();
        map.put(FailoverSetup.NAME, FailoverSetup::workflow);
        map.put(Prepare.NAME, Prepare::workflow);
        map.put(Switchover.NAME, Switchover::workflow);
        map.put(RejoinSecondary.NAME, RejoinSecondary::workflow);
        return map;
    }

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK}.
     *
     * @return {@link Drbd4jCommand#EXIT_OK}
     * @throws ParameterException for an unknown workflow or dialect, and bad backend options
     * @throws io.drbd4j.chef.WorkflowException when a backend's dialect cannot be told
     */
    @Override
    public Integer call() {
        String name = DemoScenarios.canonical(workflow)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), DemoScenarios.unknown(workflow)));
        recovery.misplaced(name).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
        Optional<DrbdDialect> named = dialect(spec, dialect);
        Plan plan = cluster.live()
                ? live(name, cluster.cluster(named)).plan()
                : DemoScenarios.stage(name, named.map(DrbdDialect::name).orElse("8.4"), 1)
                        .workflow()
                        .plan();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(PlanJson.render(plan, Drbd4jCommand.now(parent)));
        } else {
            out.print(plan.toText());
        }
        out.flush();
        return Drbd4jCommand.EXIT_OK;
    }

    private Workflow live(String name, ChefHaCluster target) {
        return live(spec, name, target, recovery);
    }

    /**
     * Returns the workflow on those backends.
     *
     * @param spec the command, for a usage error
     * @param name a workflow's own name
     * @param target the backends over ssh
     * @param recovery the options of the workflows that need more than two backends
     * @return the workflow on those backends
     * @throws ParameterException when an option it needs is missing or does not fit, or --new-config is unreadable
     */
    static Workflow live(CommandSpec spec, String name, ChefHaCluster target, RecoveryOptions recovery) {
        Function<ChefHaCluster, Workflow> factory = WORKFLOWS.get(name);
        if (factory != null) {
            return factory.apply(target);
        }
        try {
            return recovery.workflow(name, target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Returns the dialect; empty for null.
     *
     * @param spec the command, for the usage error
     * @param name {@code 8.3}, {@code 8.4}, or null
     * @return the dialect; empty for null
     * @throws ParameterException for another name
     */
    static Optional<DrbdDialect> dialect(CommandSpec spec, String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DrbdDialect.named(name));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
