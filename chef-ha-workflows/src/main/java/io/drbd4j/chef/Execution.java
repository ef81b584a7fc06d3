package io.drbd4j.chef;

import io.drbd4j.core.DrbdException;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a workflow's steps: for each step, skip it when its condition does not hold or its outcome already
 * does; otherwise check its guard against live state, journal the start, run its commands, wait for its state, and
 * journal the finish. Not thread-safe; one per run.
 */
final class Execution {
    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
    private static final String ALREADY_DONE = "already done: ";
    private static final String RESUME_ADVICE =
            "fix the cause, then resume with the same journal: steps already done are skipped";

    private final String workflow;
    private final ChefHaCluster cluster;
    private final List<Step> steps;
    private final ProgressListener listener;
    private final Journal journal;
    private final Clock clock;
    private final Set<String> finished = new HashSet<>();
    private final Set<String> settled = new HashSet<>();

    Execution(String workflow, ChefHaCluster cluster, List<Step> steps, ProgressListener listener, Journal journal) {
        this.workflow = workflow;
        this.cluster = cluster;
        this.steps = steps;
        this.listener = listener;
        this.journal = journal;
        this.clock = cluster.sleeper().clock();
    }

    static Map<String, String> context(ChefHaCluster cluster) {
        return Map.of(
                "resource", cluster.resource(),
                "primary", cluster.primary(),
                "secondary", cluster.secondaryBackend().name());
    }

    void run(boolean resuming, Map<String, String> extraContext) {
        List<JournalEntry> entries = journal.entries();
        if (resuming) {
            checkResumable(entries);
            entries.stream()
                    .filter(e -> e.event() == JournalEntry.Event.FINISHED)
                    .forEach(e -> finished.add(e.step().orElseThrow()));
            // A step skipped because its outcome held counts as settled for a step run once.
            entries.stream()
                    .filter(e -> e.event() == JournalEntry.Event.SKIPPED
                            && e.detail().orElse("").startsWith(ALREADY_DONE))
                    .forEach(e -> settled.add(e.step().orElseThrow()));
            append(entry(JournalEntry.Event.RESUME));
            LOG.info("{}: resuming from {} ({} entries)", workflow, journal.path(), entries.size());
        } else {
            if (!entries.isEmpty()) {
                throw journalError(
                        journal.path() + " already holds " + entries.size() + " entries of "
                                + entries.get(0).workflow() + " begun at "
                                + entries.get(0).time(),
                        "an empty or new journal file for a new run",
                        "resume that run, or give a new journal path");
            }
            append(entry(JournalEntry.Event.BEGIN).withContext(merge(extraContext)));
            LOG.info("{}: begin, journal {}", workflow, journal.path());
        }
        // After BEGIN or RESUME: a crash while reading the secrets leaves a journal to resume from.
        ClusterSecrets.learn(cluster);
        for (Step step : steps) {
            runStep(step);
        }
        append(entry(JournalEntry.Event.COMPLETED));
        LOG.info("{}: completed", workflow);
    }

    private Map<String, String> merge(Map<String, String> extra) {
        Map<String, String> all = new java.util.TreeMap<>(context(cluster));
        all.putAll(extra);
        return all;
    }

    private void checkResumable(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            throw journalError(
                    journal.path() + " holds no entries",
                    "the journal of a run of " + workflow,
                    "start the workflow with run(), or give the journal the interrupted run wrote");
        }
        JournalEntry begin = entries.get(0);
        Map<String, String> expected = context(cluster);
        boolean same = begin.event() == JournalEntry.Event.BEGIN
                && begin.workflow().equals(workflow)
                && expected.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(begin.context().get(e.getKey())));
        if (!same) {
            throw journalError(
                    journal.path() + " begins with " + begin.event() + " of " + begin.workflow() + " "
                            + begin.context(),
                    "a run of " + workflow + " " + new java.util.TreeMap<>(expected),
                    "resume with the journal of this workflow and cluster, or start a new run with a new path");
        }
    }

    private WorkflowException journalError(String seen, String required, String advice) {
        return new WorkflowException(
                WorkflowException.Reason.JOURNAL, workflow, "journal", null, seen, required, advice, null);
    }

    private ImmutableJournalEntry entry(JournalEntry.Event event) {
        return JournalEntry.builder()
                .time(clock.instant())
                .workflow(workflow)
                .event(event)
                .build();
    }

    private JournalEntry stepEntry(JournalEntry.Event event, Step step, String detail) {
        return entry(event).withStep(step.id()).withHost(step.host()).withDetail(Optional.ofNullable(detail));
    }

    private void append(JournalEntry entry) {
        journal.append(entry);
    }

    private void runStep(Step step) {
        Optional<String> skip;
        LiveState state = new LiveState(cluster);
        try {
            skip = skipReason(step, state);
            if (skip.isEmpty()) {
                Optional<String> refusal = step.guardCondition().check().apply(state);
                if (refusal.isPresent()) {
                    throw stopped(
                            WorkflowException.Reason.REFUSED, step, refusal.get(), step.guard(), step.advice(), null);
                }
            }
        } catch (StateUnknownException e) {
            throw stopped(
                    WorkflowException.Reason.STATE_UNKNOWN,
                    step,
                    e.getMessage(),
                    "a readable state: " + step.guard(),
                    e.advice().orElse("check that " + e.host() + " is reachable and its DRBD status readable")
                            + "; nothing of this step ran",
                    e);
        }
        if (skip.isPresent()) {
            append(stepEntry(JournalEntry.Event.SKIPPED, step, skip.get()));
            LOG.info("{}: {} skipped: {}", workflow, step, skip.get());
            listener.stepSkipped(step, skip.get());
            return;
        }
        Instant started = clock.instant();
        if (step.acceptedLoss().isPresent()) {
            append(stepEntry(
                    JournalEntry.Event.ACCEPTED_LOSS, step, step.acceptedLoss().get()));
            LOG.warn(
                    "{}: {} runs with data loss accepted: {}",
                    workflow,
                    step,
                    step.acceptedLoss().get());
            listener.lossAccepted(step, step.acceptedLoss().get());
        }
        append(stepEntry(JournalEntry.Event.STARTED, step, null));
        LOG.info("{}: {} started", workflow, step);
        listener.stepStarted(step);
        for (Action action : step.actions()) {
            runAction(step, action);
        }
        step.waitCondition().ifPresent(wait -> await(step, wait));
        append(stepEntry(JournalEntry.Event.FINISHED, step, null));
        Duration took = Duration.between(started, clock.instant());
        LOG.info("{}: {} finished in {}", workflow, step, took);
        listener.stepFinished(step, took);
    }

    private Optional<String> skipReason(Step step, LiveState state) {
        if (step.whenCondition().isPresent()) {
            Condition when = step.whenCondition().get();
            Optional<String> not = when.check().apply(state);
            if (not.isPresent()) {
                return Optional.of("only when " + when.description() + "; seen " + not.get());
            }
        }
        if (step.doneCondition().isPresent()) {
            Condition done = step.doneCondition().get();
            if (done.check().apply(state).isEmpty()) {
                return Optional.of(ALREADY_DONE + done.description());
            }
        }
        if ((step.doneCondition().isEmpty() || step.once()) && finished.contains(step.id())) {
            return Optional.of("finished in the journal");
        }
        if (step.once() && settled.contains(step.id())) {
            return Optional.of("done in the journal (its outcome held then)");
        }
        return Optional.empty();
    }

    private void runAction(Step step, Action action) {
        Command command = action.command();
        if (action.stdinFrom().isPresent()) {
            command = withStdinFrom(step, command, action.stdinFrom().get());
        }
        CommandResult result;
        try {
            result = cluster.backend(step.host()).runner().run(command);
        } catch (CommandTimeoutException e) {
            throw stopped(
                    WorkflowException.Reason.TIMED_OUT,
                    step,
                    e.getMessage(),
                    command + " to finish within " + command.timeout().toSeconds() + " s",
                    "check why it hangs on " + step.host() + "; " + RESUME_ADVICE,
                    e);
        } catch (DrbdException e) {
            throw commandFailed(step, command, e.getMessage(), action.success(), e);
        }
        if (!action.accepts().test(result)) {
            // A command fed stdin (the copy of the secrets file) may echo it: its stdout never goes to the journal.
            String seen = command + " exited " + result.exitCode()
                    + outputOf(result, command.stdin().isPresent());
            throw commandFailed(step, command, seen, action.success(), null);
        }
        LOG.debug("{}: {} ran {}", workflow, step, command);
        listener.commandFinished(step, result);
    }

    /** Journals the stop (REFUSED or FAILED, with the state seen) and builds the exception that reports it. */
    private WorkflowException stopped(
            WorkflowException.Reason reason, Step step, String seen, String required, String advice, Throwable cause) {
        JournalEntry.Event event =
                reason == WorkflowException.Reason.REFUSED ? JournalEntry.Event.REFUSED : JournalEntry.Event.FAILED;
        append(stepEntry(event, step, seen));
        LOG.warn("{}: {} stopped ({}): {}", workflow, step, reason, seen);
        return new WorkflowException(reason, workflow, step.id(), step.host(), seen, required, advice, cause);
    }

    private WorkflowException commandFailed(Step step, Command command, String seen, String success, Throwable e) {
        return stopped(WorkflowException.Reason.COMMAND_FAILED, step, seen, command + ": " + success, RESUME_ADVICE, e);
    }

    private static String outputOf(CommandResult result, boolean stderrOnly) {
        String err = result.stderrText().strip();
        String out = stderrOnly ? "" : result.stdoutText().strip();
        String text = err.isEmpty() ? out : err;
        if (text.length() > 500) {
            text = text.substring(0, 500) + "...";
        }
        return text.isEmpty() ? "" : ": " + text;
    }

    /** Reads the file to copy with the unredacted runner (it is the secret itself) and registers what it holds. */
    private Command withStdinFrom(Step step, Command command, String[] source) {
        Command cat = Command.of(cluster.commandTimeout(), "cat", source[1]);
        CommandResult read;
        try {
            read = ClusterSecrets.raw(cluster.backend(source[0])).run(cat);
        } catch (DrbdException e) {
            RuntimeException shown = cluster.redactor().redact(e, cat);
            throw commandFailed(step, cat, shown.getMessage(), "exit 0 with the file's contents", shown);
        } catch (RuntimeException e) {
            throw cluster.redactor().redact(e, cat);
        }
        if (!read.succeeded()) {
            CommandResult shown = cluster.redactor().redact(read);
            throw commandFailed(
                    step,
                    cat,
                    cat + " on " + source[0] + " exited " + read.exitCode() + outputOf(shown, false),
                    "exit 0 with the file's contents",
                    null);
        }
        ClusterSecrets.register(cluster, source[1], read.stdout());
        return Command.builder().from(command).stdin(read.stdout()).build();
    }

    private void await(Step step, Wait wait) {
        Instant start = clock.instant();
        Instant deadline = start.plus(wait.timeout());
        String what = wait.until().description();
        Instant stalledSince = null;
        while (true) {
            LiveState state = new LiveState(cluster);
            Optional<String> notYet;
            try {
                notYet = wait.until().check().apply(state);
                if (notYet.isEmpty()) {
                    return;
                }
                Optional<String> stuck = wait.stuck().apply(state);
                Optional<String> stalled = wait.stalled().apply(state);
                if (stalled.isEmpty()) {
                    stalledSince = null;
                } else if (stalledSince == null) {
                    stalledSince = clock.instant();
                } else if (!clock.instant().isBefore(stalledSince.plus(cluster.stateTimeout()))) {
                    stuck = Optional.of(
                            stalled.get() + " for " + cluster.stateTimeout().toSeconds() + " s");
                }
                if (stuck.isPresent()) {
                    throw stopped(
                            WorkflowException.Reason.STUCK,
                            step,
                            stuck.get(),
                            what,
                            "restore the connection or the disk (drbdadm connect, cabling, the peer's power); "
                                    + RESUME_ADVICE,
                            null);
                }
                if (wait.syncProgress()) {
                    syncReport(state).ifPresent(r -> listener.syncProgress(step, r));
                }
            } catch (StateUnknownException e) {
                throw stopped(
                        WorkflowException.Reason.STATE_UNKNOWN,
                        step,
                        e.getMessage(),
                        what,
                        e.advice().orElse("check that " + e.host() + " is reachable and its DRBD status readable")
                                + "; " + RESUME_ADVICE,
                        e);
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw stopped(
                        WorkflowException.Reason.TIMED_OUT,
                        step,
                        notYet.get() + " after " + Duration.between(start, now).toSeconds() + " s",
                        what + " within " + wait.timeout().toSeconds() + " s",
                        "look at both backends' /proc/drbd; " + RESUME_ADVICE,
                        null);
            }
            listener.waiting(step, what, Duration.between(start, now));
            Duration left = Duration.between(now, deadline);
            try {
                cluster.sleeper().sleep(left.compareTo(cluster.pollInterval()) < 0 ? left : cluster.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw stopped(
                        WorkflowException.Reason.INTERRUPTED,
                        step,
                        "interrupted while waiting; seen " + notYet.get(),
                        what,
                        RESUME_ADVICE,
                        e);
            }
        }
    }

    /** @return the resync's progress from whichever backend shows one, the SyncSource first */
    static Optional<SyncReport> syncReport(LiveState state) {
        for (HostState host : List.of(state.primary(), state.secondary())) {
            Optional<DeviceStatus> device = host.device();
            if (device.isPresent() && device.get().sync().isPresent()) {
                var sync = device.get().sync().get();
                return Optional.of(SyncReport.builder()
                        .host(host.name())
                        .state(host.drbdWords())
                        .perMille(sync.perMille())
                        .leftKiB(sync.leftKiB())
                        .speedKiBps(sync.speedKiBps())
                        .eta(sync.finish())
                        .build());
            }
        }
        return Optional.empty();
    }
}
