package io.drbd4j.examples.cli;

import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.chef.TextProgressListener;
import io.drbd4j.exec.runner.CommandResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Prints a running workflow for {@code drbd4j demo}, {@code run} and {@code resume} with the library's {@link
 * TextProgressListener} (steps, commands, the resync bar), adding what only the command line says: a note right after
 * a step started (the demo tells who serves during a resync) and, for the demo, each accepted data loss told to the
 * simulated pair's detector. Called on the workflow's thread; {@link #endBar()} also from the caller's.
 */
final class DemoProgress implements ProgressListener {
    private final TextProgressListener text;
    private final Consumer<String> onLossAccepted;
    private Function<PlannedStep, Optional<String>> notes = step -> Optional.empty();

    /**
     * Creates the listener.
     *
     * @param out where to print; flushed after each event
     * @param redraw whether out is a terminal, where the bar is redrawn in place
     * @param clock the workflow's clock
     */
    DemoProgress(PrintWriter out, boolean redraw, Clock clock) {
        this(out, redraw, clock, acceptance -> {});
    }

    /**
     * Creates the listener, telling the demo's loss detector about each loss the run accepts.
     *
     * @param out where to print; flushed after each event
     * @param redraw whether out is a terminal, where the bar is redrawn in place
     * @param clock the workflow's clock
     * @param onLossAccepted hears each data loss the workflow accepted (the demo tells the simulated pair's detector)
     */
    DemoProgress(PrintWriter out, boolean redraw, Clock clock, Consumer<String> onLossAccepted) {
        this.text = redraw ? TextProgressListener.terminal(out, clock) : TextProgressListener.plain(out, clock);
        this.onLossAccepted = Objects.requireNonNull(onLossAccepted, "onLossAccepted");
    }

    /**
     * Creates the listener with the notes it prints after a step starts.
     *
     * @param notes what to say, if anything, right after a step started (the demo tells who serves during a resync)
     * @return this
     */
    DemoProgress withNotes(Function<PlannedStep, Optional<String>> notes) {
        this.notes = Objects.requireNonNull(notes, "notes");
        return this;
    }

    @Override
    public void stepStarted(PlannedStep step) {
        text.stepStarted(step);
        notes.apply(step).ifPresent(text::note);
    }

    @Override
    public void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
        text.commandFinished(step, command, result);
    }

    @Override
    public void stepFinished(PlannedStep step, Duration took) {
        text.stepFinished(step, took);
    }

    @Override
    public void lossAccepted(PlannedStep step, String acceptance) {
        text.lossAccepted(step, acceptance);
        onLossAccepted.accept(acceptance);
    }

    @Override
    public void stepSkipped(PlannedStep step, String why) {
        text.stepSkipped(step, why);
    }

    @Override
    public void syncProgress(PlannedStep step, SyncReport report) {
        text.syncProgress(step, report);
    }

    /** Ends a bar being redrawn, so that what follows starts on its own line. */
    void endBar() {
        text.endLine();
    }

    /**
     * Returns the time since this listener was made, on the workflow's clock.
     *
     * @return the time since this listener was made
     */
    Duration elapsed() {
        return text.elapsed();
    }
}
