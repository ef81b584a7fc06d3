package io.drbd4j.examples.cli;

import io.drbd4j.chef.PlannedCommand;
import io.drbd4j.chef.PlannedStep;
import io.drbd4j.chef.ProgressListener;
import io.drbd4j.chef.SyncReport;
import io.drbd4j.exec.runner.CommandResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints a running workflow for {@code drbd4j demo}, {@code run} and {@code resume}: each step as it starts, finishes or is skipped, each command it
 * ran, and the resync as a progress bar (per cent, KiB left, speed, DRBD's estimate of the time left).
 *
 * <pre>
 * +0:00:00 start force-primary on be1   [destroys data if run in the wrong state]
 *          $ drbdadm primary --force pc0
 * +0:00:55 sync  [=====>..............]  27.5%  left 7,602,176 KiB  195,584 KiB/s  ETA 0:00:38
 * </pre>
 *
 * <p>On a terminal the bar is redrawn in place ({@code \r}) at every report; otherwise it is one plain line per 5%
 * (and the last), so that a log stays short. Times are on the workflow's clock, from when this listener was made.
 * Called on the workflow's thread only; not thread-safe.
 */
final class DemoProgress implements ProgressListener {
    /** Per mille between two plain progress lines. */
    static final int PLAIN_STEP = 50;

    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final java.util.function.Consumer<String> onLossAccepted;
    private final boolean redraw;
    private final Clock clock;
    private final Instant start;
    private boolean barOpen;
    private int lastPrinted = -1;
    private SyncReport lastReport;
    private java.util.function.Function<PlannedStep, java.util.Optional<String>> notes =
            step -> java.util.Optional.empty();

    /**
     * @param out where to print; flushed after each event
     * @param redraw whether out is a terminal, where the bar is redrawn in place
     * @param clock the workflow's clock
     */
    DemoProgress(PrintWriter out, boolean redraw, Clock clock) {
        this(out, redraw, clock, acceptance -> {});
    }

    /**
     * @param out where to print; flushed after each event
     * @param redraw whether out is a terminal, where the bar is redrawn in place
     * @param clock the workflow's clock
     * @param onLossAccepted hears each data loss the workflow accepted (the demo tells the simulated pair's detector)
     */
    DemoProgress(PrintWriter out, boolean redraw, Clock clock, java.util.function.Consumer<String> onLossAccepted) {
        this.onLossAccepted = Objects.requireNonNull(onLossAccepted, "onLossAccepted");
        this.out = Objects.requireNonNull(out, "out");
        this.redraw = redraw;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant();
    }

    /**
     * Returns this.
     *
     * @param notes what to say, if anything, right after a step started (the demo tells who serves during a resync)
     * @return this
     */
    DemoProgress withNotes(java.util.function.Function<PlannedStep, java.util.Optional<String>> notes) {
        this.notes = Objects.requireNonNull(notes, "notes");
        return this;
    }

    @Override
    public void stepStarted(PlannedStep step) {
        line("start " + step + (step.destroysData() ? "   [destroys data if run in the wrong state]" : ""));
        notes.apply(step).ifPresent(note -> line("note  " + note));
    }

    @Override
    public void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
        endBar();
        out.println("         $ " + Visible.escape(result.command().toShellString()));
        out.flush();
    }

    @Override
    public void stepFinished(PlannedStep step, Duration took) {
        if (lastReport != null && lastReport.perMille() < 1000) {
            // The wait ended because the disks are UpToDate/UpToDate; DRBD's last report before that was below 100%.
            syncProgress(
                    step,
                    SyncReport.builder()
                            .host(lastReport.host())
                            .state(lastReport.state())
                            .perMille(1000)
                            .leftKiB(0)
                            .build());
        }
        lastReport = null;
        line("done  " + step + " (" + clock(took) + ")");
    }

    @Override
    public void lossAccepted(PlannedStep step, String acceptance) {
        line("loss  accepted before " + step + ": " + Visible.escape(acceptance));
        onLossAccepted.accept(acceptance);
    }

    @Override
    public void stepSkipped(PlannedStep step, String why) {
        line("skip  " + step + ": " + Visible.escape(why));
    }

    @Override
    public void syncProgress(PlannedStep step, SyncReport report) {
        lastReport = report;
        if (redraw) {
            out.print("\r" + stamp() + " sync  " + bar(report) + "  ");
            barOpen = true;
        } else if (lastPrinted < 0
                || report.perMille() >= lastPrinted + PLAIN_STEP
                || (report.perMille() == 1000 && lastPrinted != 1000)) {
            out.println(stamp() + " sync  " + bar(report));
            lastPrinted = report.perMille();
        }
        out.flush();
    }

    /** Ends a bar being redrawn, so that what follows starts on its own line. */
    void endBar() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
    }

    /**
     * Returns the time since this listener was made, on the workflow's clock.
     *
     * @return the time since this listener was made, on the workflow's clock
     */
    Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    private void line(String text) {
        endBar();
        out.println(stamp() + " " + text);
        out.flush();
    }

    private String stamp() {
        return "+" + clock(elapsed());
    }

    /**
     * Returns {@code [=====>..............] 27.5% left 7,602,176 KiB 195,584 KiB/s ETA 0:00:38}.
     *
     * @param report how far the resync is
     * @return {@code [=====>..............]  27.5%  left 7,602,176 KiB  195,584 KiB/s  ETA 0:00:38}
     */
    static String bar(SyncReport report) {
        int filled = report.perMille() * BAR_WIDTH / 1000;
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + ".".repeat(BAR_WIDTH - filled - 1) : "");
        return String.format(Locale.ROOT, "[%s] %5.1f%%  left %,d KiB", bar, report.percent(), report.leftKiB())
                + (report.speedKiBps().isPresent()
                        ? String.format(
                                Locale.ROOT, "  %,d KiB/s", report.speedKiBps().getAsLong())
                        : "")
                + report.eta().map(eta -> "  ETA " + clock(eta)).orElse("");
    }

    /**
     * Returns it as {@code H:MM:SS}, whole seconds.
     *
     * @param d a duration
     * @return it as {@code H:MM:SS}, whole seconds
     */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
