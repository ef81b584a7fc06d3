package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j check [--file F | --ssh [USER@]HOST [ssh options] | --backend NAME=[USER@]HOST[:PORT] --backend ...
 * [ssh options] | --demo] [--strict]}: a Nagios plugin. Prints one line, {@code DRBD STATE - summary | perfdata},
 * and exits with the state's code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN ({@link CheckState}).
 *
 * <p>{@code /proc/drbd} here ({@code --file}, default {@code /proc/drbd}) or over ssh ({@code --ssh}, the options of
 * {@code status --ssh}) is judged by {@link ProcDrbdCheck}; a Chef HA pair ({@code --backend} twice, or {@code
 * --demo} for the simulated pair after failover setup) by {@link HaCheck}, on what {@code ha-status} reads. A file
 * or host that cannot be read, a strict parse that fails, and bad arguments are UNKNOWN, as the Nagios plugin
 * guidelines ask: the line on stdout says why (usage errors also print the command line's usual message on stderr).
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Nagios plugin: judges DRBD's data safety and prints one line 'DRBD OK - ...' (or WARNING, CRITICAL,"
                    + " UNKNOWN), then '|' and performance data per device: oos (KiB, unit KB), sync percent and"
                    + " speed (KiB/s) while a resync runs.",
            "Reads /proc/drbd here (--file), on a host over ssh (--ssh, the options of 'status --ssh'), or both"
                    + " Chef HA backends (two --backend, or --demo), as 'ha-status' does. Changes nothing.",
            "Each device is judged by drbd4j's data-safety verdicts, the worst device giving the state:",
            "  CRITICAL  split brain, or possible split brain (StandAlone with data that may have diverged);"
                    + " no good copy on either node (both Inconsistent); this node lacks acknowledged writes and the"
                    + " peer is not connected (the primary was lost).",
            "  WARNING   a resync runs (or is paused or starting); or one node cannot be lost, or it cannot be told"
                    + " (a peer not connected).",
            "  OK        either node can be lost now (Connected, UpToDate/UpToDate). Unconfigured minors are"
                    + " only listed.",
            "  UNKNOWN   the file or host cannot be read or parsed, no device is configured, or a lenient read"
                    + " listed problems and nothing worse was seen.",
            "For a Chef HA pair also: CRITICAL when not exactly one backend is keepalived's master; WARNING for"
                    + " every other failed ha-status check (drbd_ready, keepalived, services, mount); UNKNOWN"
                    + " for a backend that could not be read."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:OK",
            "1:WARNING",
            "2:CRITICAL",
            "3:UNKNOWN: cannot read or parse, nothing configured, or bad arguments"
        })
public final class CheckCommand implements Callable<Integer> {
    private static final String PROC_DRBD = "/proc/drbd";

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            defaultValue = PROC_DRBD,
            description = "File in /proc/drbd format to check (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Option(
            names = "--ssh",
            paramLabel = "[USER@]HOST",
            description = "Check /proc/drbd on HOST, logged in over ssh as USER (default: root; --port, --identity,"
                    + " --known-hosts, --connect-timeout apply).")
    private String ssh;

    // Hidden, as for status: for tests, whose remote host is this machine.
    @Option(
            names = "--remote-file",
            paramLabel = "PATH",
            hidden = true,
            defaultValue = PROC_DRBD,
            description = "With --ssh, the absolute path of the file to read on the host (default: ${DEFAULT-VALUE}).")
    private String remoteFile;

    @Option(
            names = "--strict",
            description = "UNKNOWN at the first line DRBD could not have printed (default: lenient, problems listed).")
    private boolean strict;

    @Option(
            names = "--demo",
            description = "Check the simulated Chef HA pair be1/be2 after a completed failover setup.")
    private boolean demo;

    @Mixin
    private ClusterOptions cluster;

    /** Creates the command; picocli sets the options. */
    public CheckCommand() {}

    /**
     * Returns the state's exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
     *
     * @return the state's exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
     * @throws ParameterException for options that do not go together and bad values (exit 3, see {@link
     *     Drbd4jCommand})
     */
    @Override
    public Integer call() {
        // With --ssh the ssh options serve that host (ClusterOptions.single refuses --backend then).
        boolean live = ssh == null && cluster.live("--ssh or two --backend");
        int modes = (live ? 1 : 0) + (demo ? 1 : 0) + (ssh != null ? 1 : 0) + (matched("--file") ? 1 : 0);
        if (modes > 1) {
            throw usage("--file, --ssh, --backend and --demo name what to check: give one of them");
        }
        if (ssh == null && matched("--remote-file")) {
            throw usage("--remote-file needs --ssh");
        }
        CheckResult result;
        if (live || demo) {
            ChefHaCluster target =
                    demo ? SimulatedPair.afterFailoverSetup("8.4").cluster() : cluster.cluster(Optional.empty());
            result = HaCheck.of(HaStatus.read(target));
        } else {
            result = procDrbd();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.line());
        out.flush();
        return result.state().exitCode();
    }

    private CheckResult procDrbd() {
        ProcDrbdParser parser = strict ? ProcDrbdParser.strict() : ProcDrbdParser.lenient();
        String source;
        ProcDrbdStatus status;
        try {
            if (ssh != null) {
                if (!remoteFile.startsWith("/") || remoteFile.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw usage("--remote-file '" + remoteFile + "' (expected: an absolute path such as " + PROC_DRBD
                            + ")");
                }
                RemoteProcDrbd remote = new RemoteProcDrbd(
                        cluster.runner(cluster.single(ssh, "--ssh"), CommonsExecRunner.create()), remoteFile, parser);
                source = remote.name();
                status = remote.read();
            } else {
                source = file.toString();
                status = LocalProcDrbd.read(parser, file);
            }
        } catch (CliFailure e) {
            return new CheckResult().raise(CheckState.UNKNOWN).part(e.getMessage());
        }
        return ProcDrbdCheck.of(status, source);
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
