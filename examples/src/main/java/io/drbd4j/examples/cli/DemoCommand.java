package io.drbd4j.examples.cli;

import io.drbd4j.chef.BackendStatus;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.TextProgressListener;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.testkit.DataLoss;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j demo WORKFLOW [--dialect 8.3|8.4] [--size-gib N]}: runs a Chef HA workflow on the starting state it is
 * for, staged on drbd-testkit's simulated pair be1/be2 ({@link DemoScenarios}), in simulated time, so that it finishes
 * in seconds: what the state is and means, each step as it starts, finishes or is skipped, the commands it ran, the
 * resync as a progress bar ({@link DemoProgress}), then the backends as {@code ha-status} shows them, the test kit's
 * data-loss report and the simulated time it took. A switchover runs twice: the switchover, then the failback. Each
 * run's journal goes to a new file in the temporary directory, whose path is printed first.
 *
 * <p>A workflow that stops ({@link io.drbd4j.chef.WorkflowException}) exits with {@link
 * Drbd4jCommand#EXIT_WORKFLOW_STOPPED} and its message on stderr.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a Chef HA workflow on the state it is for, staged on a simulated pair be1/be2 (be3 replacing a"
                    + " lost host), in simulated time, and shows each step, the commands it ran and the resync, then"
                    + " the backends' status and any acknowledged write lost.",
            "Needs no DRBD and no hosts."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the workflow finished", "1:the workflow stopped (message on stderr)", "2:bad arguments"})
public final class DemoCommand implements Callable<Integer> {
    /** The largest simulated volume, in GiB: the simulated sync of a bigger one only takes longer. */
    static final int MAX_SIZE_GIB = 4096;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Drbd4jCommand parent;

    @Parameters(
            index = "0",
            paramLabel = "WORKFLOW",
            description = "The workflow: failover-setup (fresh pair), prepare (blank disks), recover-primary (be1"
                    + " lost mid-sync), switchover (and the failback), rejoin-secondary (be2 crashed and back),"
                    + " replace-secondary (be2 lost, be3 new), split-brain-recovery (also: split-brain; be1 kept),"
                    + " both-secondary (link cut, be1 wrote on, both Secondary; be1 kept), grow-volume (set-up pair"
                    + " grown to twice its size on a new disk) or prepare-storage (blank /dev/sdb on both).")
    private String workflow;

    @Option(
            names = "--dialect",
            paramLabel = "8.3|8.4",
            defaultValue = "8.4",
            description = "The drbdadm dialect of both simulated backends (default: ${DEFAULT-VALUE}).")
    private String dialect;

    @Option(
            names = "--size-gib",
            paramLabel = "N",
            defaultValue = "10",
            description = "The size of each backend's volume, in GiB (default: ${DEFAULT-VALUE}).")
    private int sizeGiB;

    /** Creates the command; picocli sets the options. */
    public DemoCommand() {}

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK}.
     *
     * @return {@link Drbd4jCommand#EXIT_OK}
     * @throws ParameterException for another workflow, an unknown dialect or a size out of range
     * @throws io.drbd4j.chef.WorkflowException when the workflow stops
     */
    @Override
    public Integer call() {
        String name = DemoScenarios.canonical(workflow)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), DemoScenarios.unknown(workflow)));
        DrbdDialect d = PlanCommand.dialect(spec, dialect).orElseThrow();
        if (sizeGiB < 1 || sizeGiB > MAX_SIZE_GIB) {
            throw new ParameterException(
                    spec.commandLine(), "--size-gib " + sizeGiB + " (expected: 1 to " + MAX_SIZE_GIB + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        DemoScenario scenario = DemoScenarios.stage(name, d.name(), sizeGiB);
        Path dir = journalDirectory();
        List<Path> journals = new ArrayList<>();
        for (int i = 0; i < scenario.runs().size(); i++) {
            journals.add(dir.resolve(name + (i == 0 ? "" : "-" + (i + 1)) + ".jsonl"));
        }
        scenario.intro().forEach(out::println);
        journals.forEach(journal -> out.println("journal: " + journal));
        boolean terminal = parent != null && parent.stdoutIsTerminal();
        DemoProgress progress = new DemoProgress(out, terminal, scenario.sim().time(), scenario.sim()::acceptLoss)
                .withNotes(step -> step.id().equals("wait-sync") ? serving(scenario) : Optional.empty());
        try {
            for (int i = 0; i < scenario.runs().size(); i++) {
                DemoScenario.Run run = scenario.runs().get(i);
                out.println();
                if (!run.heading().isEmpty()) {
                    out.println(run.heading());
                }
                run.before().run();
                run.workflow().run(progress, Journal.at(journals.get(i)));
            }
        } finally {
            progress.endBar();
            out.flush();
        }
        Duration took = progress.elapsed();
        List<JournalEntry> entries = new ArrayList<>();
        journals.forEach(journal -> entries.addAll(Journal.at(journal).entries()));
        List<String> summary = scenario.summary().apply(entries);
        if (!summary.isEmpty()) {
            out.println();
            summary.forEach(out::println);
        }
        out.println();
        HaStatusTable.print(HaStatus.read(scenario.cluster()), out);
        List<DataLoss> losses = scenario.sim().dataLossDetector().report();
        if (losses.isEmpty()) {
            out.println("data loss: none (every acknowledged write is on a surviving copy)");
        }
        for (DataLoss loss : losses) {
            out.println("data loss: " + loss.generations().size() + " acknowledged write(s), " + describe(loss));
        }
        out.println(name + " took " + TextProgressListener.duration(took) + " of simulated time");
        out.flush();
        return Drbd4jCommand.EXIT_OK;
    }

    /**
     * Returns who serves Chef while the resync runs: a keeper that is master, Primary, mounted, with every service
     * running (recover-primary brings the survivor back before its replacement holds a copy); empty otherwise.
     *
     * @return who serves Chef while the resync runs: a keeper that is master, Primary, mounted, with every service
     *     running (recover-primary brings the survivor back before its replacement holds a copy); empty otherwise
     */
    private static Optional<String> serving(DemoScenario scenario) {
        HaStatus status = HaStatus.read(scenario.cluster());
        BackendStatus keeper = status.backend(scenario.cluster().keeper());
        boolean everyService = !keeper.services().isEmpty()
                && keeper.services().values().stream().allMatch(running -> running);
        if (!keeper.clusterStatus().equals(Optional.of("master")) || !keeper.mounted() || !everyService) {
            return Optional.empty();
        }
        return Optional.of(keeper.name() + " serves Chef while "
                + scenario.cluster().otherBackend().name()
                + " resyncs: master, " + keeper.drbdWords() + ", "
                + scenario.cluster().mountPoint()
                + " mounted, all " + keeper.services().size() + " Chef services running");
    }

    private static String describe(DataLoss loss) {
        return switch (loss.kind()) {
            case FAULT -> "lost by a fault before or outside any step: " + loss.cause();
            case ACCEPTED -> "lost with the loss accepted (" + loss.reason() + "): " + loss.cause();
            case VIOLATION -> "LOST BY A STEP: " + loss.cause();
        };
    }

    private static Path journalDirectory() {
        try {
            return Files.createTempDirectory("drbd4j-demo-");
        } catch (IOException e) {
            throw new CliFailure("cannot create a directory for the journal: " + e.getMessage(), e);
        }
    }
}
