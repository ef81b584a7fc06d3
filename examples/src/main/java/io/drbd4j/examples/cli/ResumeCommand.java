package io.drbd4j.examples.cli;

import io.drbd4j.chef.Journal;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.WorkflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code drbd4j resume --journal FILE --backend ... --backend ... [options as for run]}: continues the run of a Chef HA
 * workflow that stopped or died, from its journal: the workflow is the journal's, live state is read again, steps
 * whose outcome holds are skipped and every other step's guard is checked again before it runs. Prints and asks as
 * {@code run} does ({@link RunCommand}).
 */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Continues a run of a Chef HA workflow that stopped (a guard, a failure, a confirmation not given, Ctrl-C)"
                    + " or died, from its journal, on the same two backends.",
            "The workflow is the journal's; live state is read again, steps already done are skipped, and every"
                    + " other step's guard is checked again. It asks and prints as run does."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every step is done",
            "1:the run stopped again, or the journal is of another cluster or already completed (the message says"
                    + " which step, what was seen and required, and what to do)",
            "2:bad arguments, or no journal at FILE"
        })
public final class ResumeCommand extends LiveRun {
    @Option(
            names = "--journal",
            paramLabel = "FILE",
            required = true,
            description = "The journal of the run to continue, as run printed it.")
    private Path journal;

    /** Creates the command; picocli sets the options. */
    public ResumeCommand() {}

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK} when every step is done.
     *
     * @return {@link Drbd4jCommand#EXIT_OK} when every step is done
     * @throws ParameterException when there is no journal at the path, or for bad options
     * @throws WorkflowException when the run stops, or the journal holds no run
     */
    @Override
    public Integer call() {
        Path file = journal.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--journal " + file + ": no such file");
        }
        List<JournalEntry> entries = Journal.at(file).entries();
        if (entries.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "--journal " + file + " holds no entries (expected: the journal run printed)");
        }
        String name = entries.get(0).workflow();
        if (DemoScenarios.canonical(name).filter(name::equals).isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--journal " + file + " is of workflow '" + name + "' (expected: one of "
                            + String.join(", ", DemoScenarios.names()) + ")");
        }
        return execute(name, file, true);
    }
}
