package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.Plan;
import io.drbd4j.chef.Prepare;
import io.drbd4j.chef.RecoverPrimary;
import io.drbd4j.chef.Workflow;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j plan failover-setup|prepare [--json] [--dialect 8.3|8.4] [--backend NAME=[USER@]HOST[:PORT]
 * --backend ... [--primary NAME] [ssh options]]}: prints a Chef HA workflow's steps (the dry run, {@link Plan}) as
 * text or as one line of JSON. Runs nothing that changes a host.
 *
 * <p>Without {@code --backend} it plans for drbd-testkit's simulated fresh pair be1/be2 ({@link SimulatedPair}) in
 * the given dialect (default 8.4). With two {@code --backend} it plans for those hosts over ssh, in the dialect
 * given or the one detected on each host ({@code drbdadm --version}, which changes nothing).
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the steps of a Chef HA workflow: host, guard, commands and what each waits for. Changes nothing.",
            "Without --backend, for a simulated fresh pair be1/be2; with two --backend, for those hosts over ssh."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a backend's dialect cannot be told (ssh cannot reach it, or no DRBD 8.3/8.4 userland)",
            "2:bad arguments"
        })
public final class PlanCommand implements Callable<Integer> {
    /** Each workflow by its name, in the order the usage lists them. */
    static final Map<String, Function<ChefHaCluster, Workflow>> WORKFLOWS = workflows();

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "WORKFLOW",
            description = "The workflow: failover-setup (W1.10-1.18), prepare (W1.5-1.9) or recover-primary (W6, W7).")
    private String workflow;

    @Option(names = "--json", description = "Print one line of JSON instead of text.")
    private boolean json;

    @Option(
            names = "--dialect",
            paramLabel = "8.3|8.4",
            description = "The drbdadm dialect (default: 8.4 for the simulated pair, detected on each --backend).")
    private String dialect;

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
        return map;
    }

    /**
     * @return {@link Drbd4jCommand#EXIT_OK}
     * @throws ParameterException for an unknown workflow or dialect, and bad backend options
     * @throws io.drbd4j.chef.WorkflowException when a backend's dialect cannot be told
     */
    @Override
    public Integer call() {
        if (!DemoScenarios.names().contains(workflow)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "unknown workflow '" + workflow + "' (expected: " + String.join(", ", DemoScenarios.names()) + ")");
        }
        Optional<DrbdDialect> named = dialect(spec, dialect);
        Plan plan = cluster.live()
                ? live(cluster.cluster(named)).plan()
                : DemoScenarios.stage(workflow, named.map(DrbdDialect::name).orElse("8.4"), 1)
                        .workflow()
                        .plan();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(plan.toJson());
        } else {
            out.print(plan.toText());
        }
        out.flush();
        return Drbd4jCommand.EXIT_OK;
    }

    private Workflow live(ChefHaCluster target) {
        Function<ChefHaCluster, Workflow> factory = WORKFLOWS.get(workflow);
        if (factory != null) {
            return factory.apply(target);
        }
        if (recovery.lost == null || recovery.confirmed == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    workflow + " on hosts needs --lost NAME=ADDRESS and --confirmed TEXT (how it was confirmed gone)");
        }
        String[] lost = recovery.lost.split("=", 2);
        RecoverPrimary recover;
        try {
            if (lost.length != 2) {
                throw new IllegalArgumentException("--lost " + recovery.lost + " (expected: NAME=ADDRESS)");
            }
            recover = RecoverPrimary.of(target, PeerGone.of(lost[0], lost[1], recovery.confirmed));
            if (recovery.acceptDataLoss != null) {
                recover = recover.acceptingDataLoss(recovery.acceptDataLoss);
            }
            if (recovery.newConfig != null) {
                recover = recover.withConfiguration(Files.readAllBytes(recovery.newConfig));
            }
            return recover.workflow();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --new-config: " + e.getMessage());
        }
    }

    /** The options of recover-primary on hosts: the first --backend is the survivor, the second the replacement. */
    static final class RecoveryOptions {
        @Option(
                names = "--lost",
                paramLabel = "NAME=ADDRESS",
                description = "recover-primary: the lost primary, gone for good.")
        String lost;

        @Option(
                names = "--confirmed",
                paramLabel = "TEXT",
                description = "recover-primary: how the lost primary was confirmed gone (journaled).")
        String confirmed;

        @Option(
                names = "--accept-data-loss",
                paramLabel = "REASON",
                description = "recover-primary: accept losing what an Inconsistent survivor lacks (journaled).")
        String acceptDataLoss;

        @Option(
                names = "--new-config",
                paramLabel = "FILE",
                description = "recover-primary: the chef-server.rb naming the replacement, when it is another host.")
        Path newConfig;
    }

    /**
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
