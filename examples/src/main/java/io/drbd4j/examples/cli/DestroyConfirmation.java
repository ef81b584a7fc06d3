package io.drbd4j.examples.cli;

import io.drbd4j.chef.PlannedStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed confirmation {@code drbd4j run} and {@code resume} ask before each step that can destroy data ({@link
 * PlannedStep#destroysData()}): the operator types the resource and the step's host, {@code pc0@be2}, and the step runs
 * only on an exact match, unless a {@code --confirm-destroy RESOURCE@HOST} given on the command line matches already.
 * Anything else, or the end of input, is a refusal that stops the run before anything of the step ran.
 *
 * <pre>
 * force-primary on be1 can destroy data if run in the wrong state.
 *   guard (checked just now): be1 and be2 Secondary, Connected, Inconsistent/Inconsistent
 * To run it, type pc0@be1: pc0@be1
 * </pre>
 *
 * <p>Called on the workflow's thread only; not thread-safe.
 */
final class DestroyConfirmation {
    private final String resource;
    private final Set<String> given;
    private final BufferedReader in;
    private final PrintWriter out;

    /**
     * Creates the confirmation asked for before destructive steps.
     *
     * @param resource the DRBD resource the workflow works on, such as {@code pc0}
     * @param given the {@code --confirm-destroy} values, each {@code RESOURCE@HOST}
     * @param in where the operator types; read one line per question, never closed
     * @param out where the question goes; flushed before reading
     */
    DestroyConfirmation(String resource, Set<String> given, BufferedReader in, PrintWriter out) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.given = Set.copyOf(given);
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Returns why it is not of the form {@code RESOURCE@HOST}; empty when it is.
     *
     * @param value a {@code --confirm-destroy} value
     * @return why it is not of the form {@code RESOURCE@HOST}; empty when it is
     */
    static Optional<String> malformed(String value) {
        if (value.matches("[^@\\s]+@[^@\\s]+")) {
            return Optional.empty();
        }
        return Optional.of(
                "--confirm-destroy '" + Visible.escape(value) + "' (expected: RESOURCE@HOST, such as" + " pc0@be2)");
    }

    /**
     * Returns empty to run it (it destroys nothing, or the operator confirmed it); otherwise why not, for the
     * workflow's stop message.
     *
     * @param step a step about to run, its guard just checked
     * @return empty to run it (it destroys nothing, or the operator confirmed it); otherwise why not, for the
     *     workflow's stop message
     */
    Optional<String> refusal(PlannedStep step) {
        if (!step.destroysData()) {
            return Optional.empty();
        }
        String expected = resource + "@" + step.host();
        if (given.contains(expected)) {
            out.println("confirmed by --confirm-destroy " + expected + ": " + step + " can destroy data");
            out.flush();
            return Optional.empty();
        }
        out.println(step + " can destroy data if run in the wrong state.");
        out.println("  guard (checked just now): " + step.guard());
        out.print("To run it, type " + expected + ": ");
        out.flush();
        String typed;
        try {
            typed = in.readLine();
        } catch (IOException e) {
            out.println();
            return Optional.of("no confirmation for " + expected + " (standard input: " + e.getMessage() + ")");
        }
        if (typed == null) {
            out.println();
            out.flush();
            return Optional.of("no confirmation for " + expected + " (end of input)");
        }
        if (!typed.equals(expected)) {
            out.println("not confirmed: '" + Visible.escape(typed) + "' is not " + expected);
            out.flush();
            return Optional.of("the operator typed '" + Visible.escape(typed) + "' (expected: " + expected + ")");
        }
        return Optional.empty();
    }
}
