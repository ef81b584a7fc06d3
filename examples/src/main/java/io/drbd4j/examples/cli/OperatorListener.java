package io.drbd4j.examples.cli;

import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.exec.runner.CommandResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code drbd4j run} and {@code resume} hear from a running workflow: its progress as the demo prints it
 * ({@link DemoProgress}: steps, commands, the resync bar and ETA), the typed confirmation before each step that can
 * destroy data ({@link DestroyConfirmation}), and Ctrl-C ({@link CtrlC}), which stops the run at its next point
 * between two commands. Called on the workflow's thread only; not thread-safe.
 */
final class OperatorListener implements ProgressListener {
    /** What a stop for Ctrl-C says it saw. */
    static final String CTRL_C = "SIGINT (Ctrl-C)";

    private final DemoProgress progress;
    private final DestroyConfirmation confirmation;
    private final CtrlC ctrlC;

    OperatorListener(DemoProgress progress, DestroyConfirmation confirmation, CtrlC ctrlC) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
        this.ctrlC = Objects.requireNonNull(ctrlC, "ctrlC");
    }

    @Override
    public Optional<String> beforeStep(PlannedStep step) {
        if (ctrlC.pressed()) {
            return Optional.of(CTRL_C);
        }
        progress.endBar();
        return confirmation.refusal(step);
    }

    @Override
    public Optional<String> stopRequested(PlannedStep step) {
        return ctrlC.pressed() ? Optional.of(CTRL_C) : Optional.empty();
    }

    @Override
    public void stepStarted(PlannedStep step) {
        progress.stepStarted(step);
    }

    @Override
    public void stepFinished(PlannedStep step, Duration took) {
        progress.stepFinished(step, took);
    }

    @Override
    public void stepSkipped(PlannedStep step, String why) {
        progress.stepSkipped(step, why);
    }

    @Override
    public void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
        progress.commandFinished(step, command, result);
    }

    @Override
    public void waiting(PlannedStep step, String what, Duration elapsed) {
        progress.waiting(step, what, elapsed);
    }

    @Override
    public void syncProgress(PlannedStep step, SyncReport report) {
        progress.syncProgress(step, report);
    }

    @Override
    public void lossAccepted(PlannedStep step, String acceptance) {
        progress.lossAccepted(step, acceptance);
    }
}
