package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.Plan;
import io.drbd4j.chef.TextProgressListener;
import io.drbd4j.chef.Workflow;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code drbd4j run} and {@code drbd4j resume} share: the backends and ssh options of {@code plan} ({@link
 * ClusterOptions}, {@link RecoveryOptions}, {@code --dialect}), {@code --confirm-destroy}, and the run itself: the
 * journal's path first, then the plan, then each step as it runs ({@link OperatorListener}); when the run stops, the
 * exact {@code drbd4j resume} line that continues it.
 */
abstract class LiveRun implements Callable<Integer> {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    @Spec
    CommandSpec spec;

    @ParentCommand
    Drbd4jCommand parent;

    @Option(
            names = "--dialect",
            paramLabel = "8.3|8.4",
            description = "The drbdadm dialect of both backends (default: detected on each, with drbdadm --version).")
    String dialect;

    @Option(
            names = "--confirm-destroy",
            paramLabel = "RESOURCE@HOST",
            description = "Runs the steps on HOST that can destroy data without asking, such as pc0@be2; repeat it for"
                    + " each host. Without it each such step waits for RESOURCE@HOST typed on standard input.")
    List<String> confirmDestroy = new ArrayList<>();

    @Mixin
    ClusterOptions cluster;

    @Mixin
    RecoveryOptions recovery;

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK} when every step is done.
     *
     * @param name the workflow's own name
     * @param journal where the journal is
     * @param resuming whether to continue the journal's run rather than begin one
     * @return {@link Drbd4jCommand#EXIT_OK} when every step is done
     * @throws ParameterException for bad options
     * @throws WorkflowException when the run stops, after the resume line is printed
     */
    int execute(String name, Path journal, boolean resuming) {
        recovery.misplaced(name).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
        if (!cluster.live()) {
            throw new ParameterException(
                    spec.commandLine(),
                    spec.name() + " needs two --backend (to try a workflow without hosts: drbd4j demo " + name + ")");
        }
        Set<String> confirmed = new LinkedHashSet<>();
        for (String value : confirmDestroy) {
            DestroyConfirmation.malformed(value).ifPresent(problem -> {
                throw new ParameterException(spec.commandLine(), problem);
            });
            confirmed.add(value);
        }
        Optional<DrbdDialect> named = PlanCommand.dialect(spec, dialect);
        ChefHaCluster target = cluster.cluster(named, SetsidRunner.wrap(CommonsExecRunner.create()));
        Workflow workflow = PlanCommand.live(spec, name, target, recovery);
        PrintWriter out = spec.commandLine().getOut();
        out.println("journal: " + journal);
        out.flush();
        Plan plan = workflow.plan();
        out.print(plan.toText());
        out.println();
        out.println((resuming ? "resuming " : "running ") + name + " (Ctrl-C stops it between two commands)");
        out.flush();
        CtrlC ctrlC = parent.ctrlC();
        ctrlC.listen();
        DemoProgress progress = new DemoProgress(
                out, parent.stdoutIsTerminal(), target.sleeper().clock());
        OperatorListener listener = new OperatorListener(
                progress, new DestroyConfirmation(target.resource(), confirmed, parent.in(), out), ctrlC);
        try {
            if (resuming) {
                workflow.resume(listener, Journal.at(journal));
            } else {
                workflow.run(listener, Journal.at(journal));
            }
        } catch (WorkflowException e) {
            progress.endBar();
            if (e.reason() != WorkflowException.Reason.JOURNAL && resumable(journal)) {
                out.println("stopped; to resume: " + resumeLine(journal));
            }
            out.flush();
            throw e;
        }
        progress.endBar();
        out.println(
                name + " completed in " + TextProgressListener.duration(progress.elapsed()) + "; journal: " + journal);
        out.flush();
        return Drbd4jCommand.EXIT_OK;
    }

    private static boolean resumable(Path journal) {
        try {
            List<JournalEntry> entries = Journal.at(journal).entries();
            return !entries.isEmpty() && entries.get(entries.size() - 1).event() != JournalEntry.Event.COMPLETED;
        } catch (RuntimeException e) {
            return false; // a damaged journal: the resume would refuse it with its own message
        }
    }

    /**
     * Returns {@code drbd4j resume --journal F} and every option given to this command but the journal, each word
     * quoted for a POSIX shell where it needs it.
     *
     * @param journal the journal to resume from
     * @return {@code drbd4j resume --journal F} and every option given to this command but the journal, each word
     *     quoted for a POSIX shell where it needs it
     */
    String resumeLine(Path journal) {
        List<String> words = new ArrayList<>(List.of("drbd4j", "resume", "--journal", journal.toString()));
        // matchedOptions() lists an option once per occurrence; originalStringValues() holds all of them.
        for (OptionSpec option :
                new LinkedHashSet<>(spec.commandLine().getParseResult().matchedOptions())) {
            String optionName = option.names()[0];
            if (optionName.equals("--journal")) {
                continue;
            }
            for (String value : option.originalStringValues()) {
                words.add(optionName);
                words.add(value);
            }
        }
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.length() == 0 ? "" : " ").append(shellWord(word));
        }
        return line.toString();
    }

    /**
     * Returns it as is when a POSIX shell reads it unchanged, otherwise single-quoted.
     *
     * @param word a word
     * @return it as is when a POSIX shell reads it unchanged, otherwise single-quoted
     */
    static String shellWord(String word) {
        if (SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + Visible.escape(word).replace("'", "'\\''") + "'";
    }
}
