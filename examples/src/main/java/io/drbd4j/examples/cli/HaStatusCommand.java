package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.HaStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j ha-status [--json] (--backend NAME=[USER@]HOST[:PORT] --backend ... [--keeper NAME] [ssh options]
 * | --demo)}: reads both Chef HA backends ({@link HaStatus#read}: DRBD, mount, {@code drbd_ready}, keepalived's
 * cluster status, the Chef services, drbd-core's safety verdict) and prints them as a table ({@link HaStatusTable})
 * or as one line of JSON ({@link HaStatusJson}). Reading changes nothing.
 *
 * <p>A probe that fails on a host is listed as a problem, not a failure: the exit code is 0 whenever the command
 * ran, healthy or not, unless {@code --fail-unless-healthy} asks for {@link Drbd4jCommand#EXIT_NOT_SAFE} when the
 * pair is not {@link HaStatus#healthy()}. {@code --demo} reads drbd-testkit's simulated pair after a completed failover setup, so the
 * command can be tried without hosts.
 */
@Command(
        name = "ha-status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows both Chef HA backends: DRBD state, mount, drbd_ready, cluster status, Chef services, and whether"
                    + " each can be lost now without losing data. Changes nothing.",
            "Give two --backend (read over ssh), or --demo for a simulated pair after failover setup."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the status was read (healthy or not; what could not be read is listed as a problem)",
            "1:with --fail-unless-healthy: the pair is not healthy",
            "2:bad arguments"
        })
public final class HaStatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    private boolean json;

    @Option(
            names = "--demo",
            description = "Read a simulated pair be1/be2 (DRBD 8.4) after a completed failover setup instead of hosts.")
    private boolean demo;

    @Option(names = "--fail-unless-healthy", description = "Exit 1 unless the pair is healthy, for scripts.")
    private boolean failUnlessHealthy;

    @ParentCommand
    private Drbd4jCommand parent;

    @Mixin
    private ClusterOptions cluster;

    /** Creates the command; picocli sets the options. */
    public HaStatusCommand() {}

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK}; {@link Drbd4jCommand#EXIT_NOT_SAFE} with {@code --fail-unless-healthy}
     * when the pair is not healthy.
     *
     * @return {@link Drbd4jCommand#EXIT_OK}; {@link Drbd4jCommand#EXIT_NOT_SAFE} with {@code --fail-unless-healthy}
     *     when the pair is not healthy
     * @throws ParameterException without two {@code --backend} or {@code --demo}, with both, or bad backend options
     */
    @Override
    public Integer call() {
        boolean live = cluster.live();
        if (live && demo) {
            throw new ParameterException(
                    spec.commandLine(), "--demo reads a simulated pair and cannot be combined" + " with --backend");
        }
        if (!live && !demo) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no backends (expected: two --backend NAME=[USER@]HOST[:PORT], or --demo for a simulated pair)");
        }
        ChefHaCluster target =
                demo ? SimulatedPair.afterFailoverSetup("8.4").cluster() : cluster.cluster(Optional.empty());
        HaStatus status = HaStatus.read(target);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(HaStatusJson.render(status, Drbd4jCommand.now(parent)));
        } else {
            HaStatusTable.print(status, out);
        }
        out.flush();
        return failUnlessHealthy && !status.healthy() ? Drbd4jCommand.EXIT_NOT_SAFE : Drbd4jCommand.EXIT_OK;
    }
}
