package io.drbd4j.examples.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) for {@code drbd4j run} and {@code resume}: the first one only asks the workflow to stop at its next
 * point between two commands (a command running is never cut short); a second one quits at once with exit 130, as
 * a crash would (the journal, forced to disk at each entry, stays resumable).
 *
 * <p>Without {@link #listen()} SIGINT keeps the JVM's default (the process ends), so that {@code status --watch} and
 * the other commands stop as before. Thread-safe: the signal arrives on the JVM's signal thread.
 */
final class CtrlC {
    /** The exit code of a process ended by SIGINT, as shells report it: 128 + 2. */
    static final int EXIT_KILLED = 130;

    private final boolean fromSignals;
    private final AtomicInteger presses = new AtomicInteger();
    private final PrintStream err;
    private boolean listening;

    private CtrlC(boolean fromSignals, PrintStream err) {
        this.fromSignals = fromSignals;
        this.err = err;
    }

    /**
     * Returns Ctrl-C from the process's SIGINT, once {@link #listen()} is called.
     *
     * @param err where the notice of a press goes
     * @return Ctrl-C from the process's SIGINT, once {@link #listen()} is called
     */
    static CtrlC fromSignals(PrintStream err) {
        return new CtrlC(true, err);
    }

    /**
     * Returns a Ctrl-C only {@link #press()} presses, for running the command line inside another program.
     *
     * @return a Ctrl-C only {@link #press()} presses, for running the command line inside another program
     */
    static CtrlC manual() {
        return new CtrlC(false, System.err);
    }

    /** Takes SIGINT over from the JVM's default; does nothing for a manual one or when already listening. */
    synchronized void listen() {
        if (!fromSignals || listening) {
            return;
        }
        Signal.handle(new Signal("INT"), signal -> press());
        listening = true;
    }

    /** Presses Ctrl-C: the first asks for a stop, the second (from signals) quits now. */
    void press() {
        int n = presses.incrementAndGet();
        if (n == 1) {
            err.println("drbd4j: Ctrl-C: stopping once the command running now has ended (Ctrl-C again quits at once,"
                    + " as a crash would)");
            err.flush();
        } else if (fromSignals) {
            err.println("drbd4j: Ctrl-C again: quitting now; resume with the journal");
            err.flush();
            Runtime.getRuntime().halt(EXIT_KILLED);
        }
    }

    /**
     * Returns whether Ctrl-C was pressed.
     *
     * @return whether Ctrl-C was pressed
     */
    boolean pressed() {
        return presses.get() > 0;
    }
}
