package io.drbd4j.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code drbd4j run WORKFLOW --backend NAME=[USER@]HOST[:PORT] --backend ... [--journal FILE] [--confirm-destroy
 * RESOURCE@HOST]... [ssh and workflow options as for plan]}: runs a Chef HA workflow on two live backends over ssh.
 * It prints the journal's path, the plan, then each step as it runs with the resync's progress; before each step
 * that can destroy data it waits for the operator to type {@code RESOURCE@HOST} ({@link DestroyConfirmation}).
 * Ctrl-C stops it between two commands; a stop prints the {@code drbd4j resume} line that continues it.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a Chef HA workflow on two backends over ssh: prints the journal's path and the plan, then each step"
                    + " as it runs, with the resync's progress.",
            "Before each step that can destroy data, it waits for RESOURCE@HOST (such as pc0@be2) typed on standard"
                    + " input, unless --confirm-destroy gave it; anything else, or the end of input, stops the run.",
            "Ctrl-C stops it between two commands, never in the middle of one. A stopped run prints the drbd4j resume"
                    + " line that continues it."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every step is done",
            "1:the run stopped: a guard refused a step, a command failed, a confirmation was not given, Ctrl-C"
                    + " (the message says which step, what was seen and required, and what to do)",
            "2:bad arguments"
        })
public final class RunCommand extends LiveRun {
    @Parameters(
            index = "0",
            paramLabel = "WORKFLOW",
            description = "The workflow: failover-setup, prepare, recover-primary, switchover, rejoin-secondary,"
                    + " replace-secondary, split-brain-recovery (also: split-brain), both-secondary, grow-volume or"
                    + " prepare-storage.")
    private String workflow;

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            description = "Where the journal goes; it must not hold a run already (default:"
                    + " drbd4j-WORKFLOW-YYYYMMDDTHHMMSSZ.jsonl in the current directory).")
    private Path journal;

    /** Creates the command; picocli sets the options. */
    public RunCommand() {}

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK} when every step is done.
     *
     * @return {@link Drbd4jCommand#EXIT_OK} when every step is done
     * @throws ParameterException for an unknown workflow or bad options
     * @throws io.drbd4j.chef.WorkflowException when the run stops
     */
    @Override
    public Integer call() {
        String name = DemoScenarios.canonical(workflow)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), DemoScenarios.unknown(workflow)));
        Path file = journal != null
                ? journal.toAbsolutePath()
                : JournalName.of(Path.of(""), name, parent.sleeper().clock().instant());
        return execute(name, file, false);
    }
}
