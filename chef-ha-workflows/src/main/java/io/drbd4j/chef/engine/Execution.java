package io.drbd4j.chef.engine;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.JournalEntry.Event;
import io.drbd4j.chef.JournalEntry.Skip;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final Set<String> finished = new HashSet<>();
    private final Set<String> settled = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private final Optional<String> lockOverride;

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
        this.journal = journal;
        this.events =
                new RunEvents(workflow, journal, listener, cluster.sleeper().clock());
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
            for (JournalEntry e : entries) {
                if (e.event() == Event.FINISHED) {
                    finished.add(e.step().orElseThrow());
                } else if (e.event() == Event.SKIPPED && e.skip().equals(Optional.of(Skip.OUTCOME_HELD))) {
                    settled.add(e.step().orElseThrow()); // counts as done for a step run once
                } else if (e.event() == Event.STARTED) {
                    started.add(e.step().orElseThrow());
                }
            }
            events.resumed(entries.size(), dataIdentity());
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
            context.putAll(dataIdentity());
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

    /** The key prefix of a backend's data identity in a journal's BEGIN context. */
    static final String DATA = "data.";

    /**
     * DRBD's own identity of the data each backend holds: its current generation UUID ({@code drbdadm get-gi}),
     * random per data generation, so two clusters with the same names and addresses still differ. A backend without
     * meta data, or with create-md's UUID (every new disk has it), gives none.
     *
     * @return {@code data.HOST} = the UUID in hex, for each backend that has one
     */
    private Map<String, String> dataIdentity() {
        Map<String, String> ids = new TreeMap<>();
        generationsNow().forEach((host, uuids) -> ids.put(DATA + host, uuids.get(0)));
        return ids;
    }

    /**
     * Returns each backend's generation UUIDs now (as {@link #generations}), by name; a backend without any, or whose
     * DRBD cannot be asked (no resource yet in a setup's first steps, unreachable), is left out: the journal is then
     * bound by names and addresses, and a resumed step's guard stops on what it cannot read.
     *
     * @return each backend's generation UUIDs now (as {@link #generations}), by name; a backend without any, or whose
     *     DRBD cannot be asked (no resource yet in a setup's first steps, unreachable), is left out: the journal is
     *     then bound by names and addresses, and a resumed step's guard stops on what it cannot read
     */
    private Map<String, List<String>> generationsNow() {
        Map<String, List<String>> now = new TreeMap<>();
        LiveState state = new LiveState(pair);
        for (Side side : pair.reached()) {
            try {
                state.host(side)
                        .generations()
                        .map(Execution::generations)
                        .filter(uuids -> !uuids.isEmpty())
                        .ifPresent(uuids -> now.put(pair.name(side), uuids));
            } catch (StateUnknownException e) {
                // left out, as said above
            }
        }
        return now;
    }

    /**
     * DRBD's UUID_NEW_BM_OFFSET (drbd_int.h): the kernel adds it to a UUID it moves into the bitmap slot at a resync
     * handshake, so one generation may show as u or u plus this.
     */
    private static final long NEW_BM_OFFSET = 0x0001000000000000L;

    private static boolean sameGeneration(String a, String b) {
        long x = Long.parseUnsignedLong(a, 16);
        long y = Long.parseUnsignedLong(b, 16);
        return x == y || x == y + NEW_BM_OFFSET || x + NEW_BM_OFFSET == y;
    }

    /**
     * Returns the UUIDs in hex, current first, without the primary flag bit, create-md's UUID and empty slots.
     *
     * @return the UUIDs in hex, current first, without the primary flag bit, create-md's UUID and empty slots
     */
    private static List<String> generations(io.drbd4j.exec.GenerationIdentifiers gi) {
        List<Long> all = new java.util.ArrayList<>();
        all.add(gi.current());
        all.add(gi.bitmap());
        all.addAll(gi.history());
        return all.stream()
                .map(uuid -> uuid & ~1L)
                .filter(uuid -> uuid != 0 && uuid != io.drbd4j.exec.GenerationIdentifiers.JUST_CREATED)
                .map(Long::toHexString)
                .toList();
    }

    /**
     * A resume continues on the data its run began with: some generation UUID recorded at BEGIN, a RESUME or a step's
     * FINISHED is still among the backends' current, bitmap or history UUIDs (DRBD keeps the last ones as data moves
     * on). None of them left means other data: another cluster with the same names and addresses, or disks replaced
     * since.
     */
    private void checkSameData(List<JournalEntry> entries) {
        Map<String, String> recorded = new TreeMap<>();
        java.util.Set<String> uuids = new java.util.LinkedHashSet<>();
        for (JournalEntry entry : entries) {
            entry.context().forEach((key, value) -> {
                if (key.startsWith(DATA)) {
                    recorded.putIfAbsent(key, value);
                    uuids.add(value);
                }
            });
        }
        if (recorded.isEmpty()) {
            return;
        }
        Map<String, List<String>> now = generationsNow();
        boolean related = now.values().stream().flatMap(List::stream).anyMatch(uuid -> uuids.stream()
                .anyMatch(r -> sameGeneration(uuid, r)));
        if (!now.isEmpty() && !related) {
            throw events.journalError(
                    "the data now on the backends has generation UUIDs " + now + ", none of the ones "
                            + journal.getFileName() + " began with " + recorded + " or recorded since",
                    "the data this run began on (one of its generation UUIDs still known to DRBD on a backend)",
                    "this journal was written on another cluster, or the disks were replaced since: start a new run"
                            + " with a new journal path (steps whose outcome holds are skipped)");
        }
    }

    private void runStep(Step step) {
        LiveState state = new LiveState(pair);
        Optional<Skipping> skip;
        try {
            skip = skipping(step, state);
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
        step.waitFor().ifPresent(wait -> new Waiting(pair, events).await(step, wait));
        // A step that ran commands may have moved the data to a new generation: the journal follows it, so that a
        // resume still finds a UUID DRBD remembers (it keeps four: current, bitmap and two of history).
        Map<String, String> data = step.actions().isEmpty() ? Map.of() : dataIdentity();
        events.finished(step, Duration.between(started, events.clock().instant()), data);
    }

    /** Why a step is skipped, typed for the journal and in words for people. */
    private record Skipping(Skip why, String words) {}

    private Optional<Skipping> skipping(Step step, LiveState state) {
        if (step.always()) {
            return Optional.empty();
        }
        if (step.when().isPresent()) {
            Condition when = step.when().get();
            Optional<String> not = when.seen(state);
            if (not.isPresent()) {
                return Optional.of(
                        new Skipping(Skip.NOT_NEEDED, "only when " + when.description() + "; seen " + not.get()));
            }
        }
        if (step.done().isPresent() && step.done().get().holds(state)) {
            return Optional.of(new Skipping(
                    Skip.OUTCOME_HELD, "already done: " + step.done().get().description()));
        }
        Optional<Skipping> pending = pending(step, state);
        if (pending.isPresent()) {
            return pending;
        }
        if ((step.done().isEmpty() || step.once()) && finished.contains(step.id())) {
            return Optional.of(new Skipping(Skip.FINISHED_IN_JOURNAL, "finished in the journal"));
        }
        if (step.once() && settled.contains(step.id())) {
            return Optional.of(new Skipping(Skip.DONE_IN_JOURNAL, "done in the journal (its outcome held then)"));
        }
        return Optional.empty();
    }

    /**
     * Returns why a step is skipped because the journal shows a step started, its guard held then, and the state now
     * shows that its command ran and its effect is pending: neither that step nor one that would undo it runs again.
     */
    private Optional<Skipping> pending(Step step, LiveState state) {
        Step ran = step.notWhilePending()
                .flatMap(id -> steps.stream().filter(s -> s.id().equals(id)).findFirst())
                .orElse(step);
        Optional<Condition> effect = ran.pendingOnceStarted();
        if (effect.isEmpty() || !started.contains(ran.id()) || !effect.get().holds(state)) {
            return Optional.empty();
        }
        String words = "the journal shows " + ran.id() + " started, and "
                + effect.get().description();
        return Optional.of(
                ran == step ? new Skipping(Skip.DONE_IN_JOURNAL, words) : new Skipping(Skip.NOT_NEEDED, words));
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
