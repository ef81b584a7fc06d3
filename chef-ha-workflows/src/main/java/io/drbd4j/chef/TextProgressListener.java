package io.drbd4j.chef;

import io.drbd4j.exec.runner.CommandResult;
import java.io.Flushable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link ProgressListener} that writes a running workflow as text for a person: each step as it starts, finishes
 * or is skipped, each command it ran, each data loss accepted, and the resync as a bar with per cent, KiB left, speed
 * in KiB/s and DRBD's estimate of the time left.
 *
 * <pre>
 * +0:00:00 start force-primary on be1   [destroys data if run in the wrong state]
 *          $ drbdadm primary --force pc0
 * +0:00:55 sync  [=====&gt;..............]  27.5%  left 7,602,176 KiB  195,584 KiB/s  ETA 0:00:38
 * +0:01:35 done  wait-sync on be1 (0:00:40)
 * </pre>
 *
 * <p>In terminal mode the bar is redrawn in place at every report: a carriage return, the bar, and spaces over what
 * is left of the longer bar before it; the next line of text starts on a line of its own. In plain mode (a log, a
 * pipe) every event is one line, and the resync is one line for a step's first report, one each time it advanced
 * {@link #PLAIN_STEP_PER_MILLE} per mille or more since the last line printed, and one for 100%. No colour and no
 * escape sequence is written; control characters in commands and reasons are written as visible escapes such as
 * {@code \r} or {@code \x1b}. Times are on the given clock, from when the listener was made.
 *
 * <p>The output is flushed after each event when it is {@link Flushable}; an {@link IOException} it throws becomes
 * an {@link UncheckedIOException}, which stops the run as any listener's exception does. Thread-safe: every method
 * writes its text whole under the listener's lock, so another thread (a Ctrl-C handler) may call {@link #note} or
 * {@link #endLine} while a workflow runs.
 */
public final class TextProgressListener implements ProgressListener {
    /** Per mille a resync advances between two sync lines in plain mode (5%). */
    public static final int PLAIN_STEP_PER_MILLE = 50;

    private static final int BAR_WIDTH = 20;
    private static final String INDENT = "         ";

    private final Appendable out;
    private final boolean redraw;
    private final Clock clock;
    private final Instant start;
    private int drawn;
    private int lastPrinted = -1;

    private TextProgressListener(Appendable out, boolean redraw, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.redraw = redraw;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = clock.instant();
    }

    /**
     * Creates a listener for a terminal, on the system clock.
     *
     * @param out where to write, such as {@code System.out}
     * @return a listener that redraws the resync bar in place
     */
    public static TextProgressListener terminal(Appendable out) {
        return terminal(out, Clock.systemUTC());
    }

    /**
     * Creates a listener for a terminal.
     *
     * @param out where to write, such as {@code System.out}
     * @param clock the workflow's clock, for the times shown
     * @return a listener that redraws the resync bar in place
     */
    public static TextProgressListener terminal(Appendable out, Clock clock) {
        return new TextProgressListener(out, true, clock);
    }

    /**
     * Creates a listener for a log or a pipe, on the system clock.
     *
     * @param out where to write
     * @return a listener that writes one line per event
     */
    public static TextProgressListener plain(Appendable out) {
        return plain(out, Clock.systemUTC());
    }

    /**
     * Creates a listener for a log or a pipe.
     *
     * @param out where to write
     * @param clock the workflow's clock, for the times shown
     * @return a listener that writes one line per event
     */
    public static TextProgressListener plain(Appendable out, Clock clock) {
        return new TextProgressListener(out, false, clock);
    }

    /**
     * Creates a listener in terminal mode when the JVM's standard output is a terminal, in plain mode otherwise, on
     * the system clock; the JVM's console decides, so {@code out} should be {@code System.out}.
     *
     * @param out where to write, {@code System.out}
     * @return a listener in the mode that suits the standard output
     */
    public static TextProgressListener auto(PrintStream out) {
        return auto(out, Clock.systemUTC());
    }

    /**
     * Creates a listener in terminal mode when the JVM's standard output is a terminal, in plain mode otherwise; the
     * JVM's console decides, so {@code out} should be {@code System.out}.
     *
     * @param out where to write, {@code System.out}
     * @param clock the workflow's clock, for the times shown
     * @return a listener in the mode that suits the standard output
     */
    public static TextProgressListener auto(PrintStream out, Clock clock) {
        return new TextProgressListener(out, stdoutIsTerminal(), clock);
    }

    /**
     * Writes the step's start, marked when the step can destroy data.
     *
     * @param step a step whose guard held and whose commands start now
     */
    @Override
    public synchronized void stepStarted(PlannedStep step) {
        lastPrinted = -1;
        line("start " + step + (step.destroysData() ? "   [destroys data if run in the wrong state]" : ""));
    }

    /**
     * Writes the command, indented under its step.
     *
     * @param step the running step
     * @param command the command with its backend
     * @param result how it ended; its command line is written, with secrets masked
     */
    @Override
    public synchronized void commandFinished(PlannedStep step, PlannedCommand command, CommandResult result) {
        write(INDENT + "$ " + VisibleText.of(result.command().toShellString()));
    }

    /**
     * Writes the step's end and how long it took.
     *
     * @param step a step whose commands ran and whose wait ended
     * @param took how long, on the workflow's clock
     */
    @Override
    public synchronized void stepFinished(PlannedStep step, Duration took) {
        line("done  " + step + " (" + duration(took) + ")");
    }

    /**
     * Writes the skipped step and why.
     *
     * @param step a step not run
     * @param why its outcome already holds, or its condition does not
     */
    @Override
    public synchronized void stepSkipped(PlannedStep step, String why) {
        line("skip  " + step + ": " + VisibleText.of(why));
    }

    /**
     * Writes the data loss the caller accepted before the step.
     *
     * @param step the step about to run
     * @param acceptance what is lost and the caller's reason
     */
    @Override
    public synchronized void lossAccepted(PlannedStep step, String acceptance) {
        line("loss  accepted before " + step + ": " + VisibleText.of(acceptance));
    }

    /**
     * Draws the resync bar: redrawn in place in terminal mode, a line now and then in plain mode (see the type).
     *
     * @param step the step that waits for the resync
     * @param report how far the resync is
     */
    @Override
    public synchronized void syncProgress(PlannedStep step, SyncReport report) {
        String text = stamp() + " sync  " + bar(report);
        if (redraw) {
            append("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
            drawn = text.length();
            flush();
        } else if (lastPrinted < 0
                || report.perMille() >= lastPrinted + PLAIN_STEP_PER_MILLE
                || (report.perMille() == 1000 && lastPrinted != 1000)) {
            write(text);
            lastPrinted = report.perMille();
        }
    }

    /**
     * Writes a line of the caller's own, such as what an operator should know about the step that just started.
     *
     * @param text the line, without its time; control characters are escaped
     */
    public synchronized void note(String text) {
        line("note  " + VisibleText.of(text));
    }

    /**
     * Ends a bar being redrawn in place, so that what the caller writes next to the same output starts on a line of
     * its own; does nothing otherwise.
     */
    public synchronized void endLine() {
        if (drawn > 0) {
            drawn = 0;
            append(System.lineSeparator());
            flush();
        }
    }

    /**
     * Tells how long the listener has been running.
     *
     * @return the time since it was made, on its clock
     */
    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    /**
     * Formats a resync's progress as the listener draws it.
     *
     * @param report how far the resync is
     * @return {@code [=====>..............]  27.5%  left 7,602,176 KiB  195,584 KiB/s  ETA 0:00:38}, without the
     *     speed or the estimate when DRBD showed none
     */
    public static String bar(SyncReport report) {
        int filled = report.perMille() * BAR_WIDTH / 1000;
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + ".".repeat(BAR_WIDTH - filled - 1) : "");
        StringBuilder b = new StringBuilder(96)
                .append(String.format(
                        Locale.ROOT, "[%s] %5.1f%%  left %,d KiB", bar, report.percent(), report.leftKiB()));
        if (report.speedKiBps().isPresent()) {
            b.append(String.format(
                    Locale.ROOT, "  %,d KiB/s", report.speedKiBps().getAsLong()));
        }
        report.eta().ifPresent(eta -> b.append("  ETA ").append(duration(eta)));
        return b.toString();
    }

    /**
     * Formats a duration as the listener shows it.
     *
     * @param d a duration; a negative one shows as zero
     * @return it as hours, minutes and seconds, {@code H:MM:SS}, in whole seconds
     */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private void line(String text) {
        write(stamp() + " " + text);
    }

    /** Writes one whole line, after ending a bar drawn in place, and flushes. */
    private void write(String text) {
        if (drawn > 0) {
            drawn = 0;
            append(System.lineSeparator());
        }
        append(text + System.lineSeparator());
        flush();
    }

    private String stamp() {
        return "+" + duration(elapsed());
    }

    private void append(String text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the workflow's progress", e);
        }
    }

    private void flush() {
        if (out instanceof Flushable f) {
            try {
                f.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not flush the workflow's progress", e);
            }
        }
    }

    /**
     * Up to Java 21 a console exists only when standard input and output are terminals; from Java 22 it exists also
     * when they are redirected, and {@code Console.isTerminal()} (absent before 22) tells.
     */
    private static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
