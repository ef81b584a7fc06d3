package io.drbd4j.chef.engine;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.JournalEntry.Event;
import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.chef.WorkflowException.Reason;
import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run of a workflow's steps: for each step, skip it when its condition does not hold or its outcome already
 * does; otherwise check its guard against live state, journal the start, run its commands, wait for its state, and
 * journal the finish. Not thread-safe; one per run.
 */
public final class Execution {
    static final String RESUME_ADVICE =
            "fix the cause, then resume with the same journal: steps already done are skipped";

    private final String workflow;
    private final Pair pair;
    private final ChefHaCluster cluster;
    private final List<Step> steps;
    private final Path journal;
    private final RunEvents events;
    private final Skipping skipping;
    private final DataIdentity data;
    private final Optional<String> lockOverride;
    private final PairWatch watch;

    /**
     * Creates the execution of a workflow's steps.
     *
     * @param workflow the workflow's name
     * @param pair the backends, their parts and dialects
     * @param steps the steps, in order
     * @param listener hears the progress
     * @param journal the journal file
     * @param lockOverride why another run's lock on the cluster may be broken; empty: it may not
     */
    public Execution(
            String workflow,
            Pair pair,
            List<Step> steps,
            ProgressListener listener,
            Path journal,
            Optional<String> lockOverride) {
        this.lockOverride = lockOverride;
        this.workflow = workflow;
        this.pair = pair;
        this.cluster = pair.cluster();
        this.steps = steps;
        this.skipping = new Skipping(steps);
        this.data = new DataIdentity(pair);
        this.journal = journal;
        this.events =
                new RunEvents(workflow, journal, listener, cluster.sleeper().clock());
        this.watch = new PairWatch(pair);
    }

    /**
     * Returns the names a journal's BEGIN records and a resume checks: the resource and both backends' parts.
     *
     * @return the names a journal's BEGIN records and a resume checks: the resource and both backends' parts
     */
    public static Map<String, String> context(ChefHaCluster cluster) {
        return Map.of(
                "resource",
                cluster.resource(),
                "device",
                cluster.device(),
                "keeper",
                cluster.keeper(),
                "other",
                cluster.otherBackend().name(),
                "address." + cluster.keeper(),
                cluster.keeperBackend().address(),
                "address." + cluster.otherBackend().name(),
                cluster.otherBackend().address());
    }

    /**
     * Runs the steps, or resumes the journal's run.
     *
     * @param resuming continue the journal's run rather than begin a new one
     * @throws WorkflowException when a step is refused or fails, the state cannot be read, or the journal does not fit
     */
    public void run(boolean resuming) {
        List<JournalEntry> entries = JournalFile.read(journal);
        ClusterLock lock = new ClusterLock(pair);
        List<String> overridden = new java.util.ArrayList<>();
        String run;
        if (resuming) {
            checkResumable(entries);
            // 0.1.0 journals have no run id: their run held no lock.
            run = entries.get(0)
                    .context()
                    .getOrDefault("run", java.util.UUID.randomUUID().toString());
            skipping.learn(entries);
            events.resumed(entries.size(), data.now());
        } else {
            if (!entries.isEmpty()) {
                throw events.journalError(
                        journal + " already holds " + entries.size() + " entries of "
                                + entries.get(0).workflow() + " begun at "
                                + entries.get(0).time(),
                        "an empty or new journal file for a new run",
                        "resume that run, or give a new journal path");
            }
            run = java.util.UUID.randomUUID().toString();
            Map<String, String> context = new TreeMap<>(context(cluster));
            pair.dialectNames().forEach((host, dialect) -> context.put("dialect." + host, dialect));
            context.put("run", run);
            context.putAll(data.now());
            events.began(context);
        }
        // Taken once the journal names the run: a run stopped while taking it resumes and finds its own lock.
        try {
            lock.acquire(run, owner(run), lockOverride, overridden::add);
        } catch (WorkflowException e) {
            events.lockRefused(e);
            throw e;
        }
        overridden.forEach(previous -> events.lockOverridden(previous, lockOverride.orElseThrow()));
        // After BEGIN or RESUME: a crash while reading the secrets leaves a journal to resume from.
        Secrets.learn(pair);
        try {
            for (Step step : steps) {
                runStep(step);
            }
        } catch (WorkflowException e) {
            // A run that stopped (refused, failed, state unknown) ended: the cluster is free. Only a run that died
            // (its process killed, a crash) leaves its lock, for its resume or an explicit override.
            lock.release();
            throw e;
        } finally {
            watch.close();
        }
        // Released before COMPLETED: a run stopped in between is resumed, and its resume releases it again.
        lock.release();
        events.completed();
    }

    private String owner(String run) {
        return ClusterLock.owner(
                run,
                workflow,
                System.getProperty("user.name", "?"),
                events.clock().instant());
    }

    private void checkResumable(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            throw events.journalError(
                    journal + " holds no entries",
                    "the journal of a run of " + workflow,
                    "start the workflow with run(), or give the journal the interrupted run wrote");
        }
        JournalEntry begin = entries.get(0);
        Map<String, String> expected = new TreeMap<>(context(cluster));
        if (begin.format().orElse(JournalEntry.FORMAT) < 2) {
            // 0.1.0 bound a journal to the resource and the backends' names only.
            expected.keySet().retainAll(java.util.Set.of("resource", "keeper", "other"));
        }
        boolean same = begin.event() == Event.BEGIN
                && begin.workflow().equals(workflow)
                && expected.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(begin.context().get(e.getKey())));
        if (!same) {
            throw events.journalError(
                    journal + " begins with " + begin.event() + " of " + begin.workflow() + " " + begin.context(),
                    "a run of " + workflow + " " + expected,
                    "resume with the journal of this workflow and cluster, or start a new run with a new path");
        }
        checkSameData(entries);
        JournalEntry last = entries.get(entries.size() - 1);
        if (last.event() == Event.COMPLETED) {
            throw events.journalError(
                    journal + " shows " + workflow + " completed at " + last.time(),
                    "the journal of a run that did not complete",
                    "nothing is left to resume; to run " + workflow + " again, start a new run with a new journal path"
                            + " (steps whose outcome holds are skipped)");
        }
    }

    /**
     * A resume continues on the data its run began with (see {@link DataIdentity#unrelated}): other data means another
     * cluster with the same names and addresses, or disks replaced since.
     */
    private void checkSameData(List<JournalEntry> entries) {
        Optional<String> unrelated =
                data.unrelated(entries, journal.getFileName().toString());
        if (unrelated.isPresent()) {
            throw events.journalError(
                    unrelated.get(),
                    "the data this run began on (one of its generation UUIDs still known to DRBD on a backend)",
                    "this journal was written on another cluster, or the disks were replaced since: start a new run"
                            + " with a new journal path (steps whose outcome holds are skipped)");
        }
    }

    private void runStep(Step step) {
        LiveState state = new LiveState(pair);
        Optional<Skipping.Skip> skip;
        try {
            skip = skipping.of(step, state);
            if (skip.isEmpty()) {
                Optional<String> refusal = step.guard().seen(state);
                if (refusal.isPresent()) {
                    throw events.stopped(
                            Reason.REFUSED,
                            step,
                            refusal.get(),
                            step.planned().guard(),
                            step.planned().advice(),
                            null);
                }
            }
        } catch (StateUnknownException e) {
            throw events.stopped(
                    Reason.STATE_UNKNOWN,
                    step,
                    e.getMessage(),
                    "a readable state: " + step.planned().guard(),
                    e.advice().orElse("check that " + e.host() + " is reachable and its DRBD status readable")
                            + "; nothing of this step ran",
                    e);
        }
        if (skip.isPresent()) {
            events.skipped(step, skip.get().why(), skip.get().words());
            return;
        }
        events.goAhead(step);
        Instant started = events.clock().instant();
        step.planned().acceptedLoss().ifPresent(loss -> events.lossAccepted(step, loss));
        events.started(step, step.seen().map(what -> what.apply(state)));
        Iterator<PlannedCommand> planned = step.planned().commands().iterator();
        for (Action action : step.actions()) {
            events.checkStop(step, action.command().toString());
            runAction(step, action, planned);
        }
        step.waitFor().ifPresent(wait -> new Waiting(pair, events, watch).await(step, wait));
        // A step that ran commands may have moved the data to a new generation: the journal follows it, so that a
        // resume still finds a UUID DRBD remembers (it keeps four: current, bitmap and two of history).
        Map<String, String> identity = step.actions().isEmpty() ? Map.of() : data.now();
        events.finished(step, Duration.between(started, events.clock().instant()), identity);
    }

    private void runAction(Step step, Action action, Iterator<PlannedCommand> planned) {
        Command command = action.command();
        if (action.copy().isPresent()) {
            byte[] contents = copy(step, action, planned.next());
            command = Command.builder().from(command).stdin(contents).build();
        }
        PlannedCommand shown = planned.next();
        CommandResult result;
        try {
            result = cluster.backend(step.host()).runner().run(command);
        } catch (CommandTimeoutException e) {
            throw events.stopped(
                    Reason.TIMED_OUT,
                    step,
                    e.getMessage(),
                    command + " to finish within " + command.timeout().toSeconds() + " s",
                    "check why it hangs on " + step.host() + "; " + RESUME_ADVICE,
                    e);
        } catch (DrbdException e) {
            throw commandFailed(step, command, e.getMessage(), action.success(), e);
        }
        if (!action.accepts().test(result)) {
            // A command fed stdin (the copy of the secrets file) may echo it: its stdout never goes to the journal,
            // and the failure keeps only its stderr.
            boolean fed = command.stdin().isPresent();
            CommandResult kept =
                    fed ? CommandResult.of(withoutStdin(command), result.exitCode(), "", result.stderrText()) : result;
            String seen = command + " exited " + result.exitCode() + outputOf(kept);
            throw commandFailed(step, command, seen, action.success(), new CommandFailedException(kept));
        }
        events.commandFinished(step, shown, result);
    }

    /** Reads the file to copy with the unredacted runner (it is the secret itself) and registers what it holds. */
    private byte[] copy(Step step, Action action, PlannedCommand shown) {
        Command cat = action.read().orElseThrow();
        String from = shown.host();
        CommandResult read;
        try {
            read = Secrets.raw(cluster.backend(from)).run(cat);
        } catch (DrbdException e) {
            RuntimeException hidden = cluster.redactor().redact(e, cat);
            throw commandFailed(step, cat, hidden.getMessage(), "exit 0 with the file's contents", hidden);
        } catch (RuntimeException e) {
            throw cluster.redactor().redact(e, cat);
        }
        Secrets.register(cluster, action.copy().get().path(), read.stdout());
        CommandResult hidden = cluster.redactor().redact(read);
        if (!read.succeeded()) {
            throw commandFailed(
                    step,
                    cat,
                    cat + " on " + from + " exited " + read.exitCode() + outputOf(hidden),
                    "exit 0 with the file's contents",
                    new CommandFailedException(hidden));
        }
        events.commandFinished(step, shown, hidden);
        return read.stdout();
    }

    private static Command withoutStdin(Command command) {
        return Command.builder().from(command).stdin(Optional.empty()).build();
    }

    private WorkflowException commandFailed(Step step, Command command, String seen, String success, Throwable e) {
        return events.stopped(Reason.COMMAND_FAILED, step, seen, command + ": " + success, RESUME_ADVICE, e);
    }

    private static String outputOf(CommandResult result) {
        String err = result.stderrText().strip();
        String out = result.stdoutText().strip();
        String text = err.isEmpty() ? out : err;
        if (text.length() > 500) {
            text = text.substring(0, 500) + "...";
        }
        return text.isEmpty() ? "" : ": " + text;
    }
}
