package io.drbd4j.exec;

import io.drbd4j.exec.runner.CommandException;
import io.drbd4j.exec.runner.CommandResult;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DRBD command that promised an outcome exited non-zero. Carries the whole argv, exit code, stdout and stderr,
 * the exit code's class and DRBD's reason when it printed one:
 * {@code drbdadm primary pc0: exit 17 (NO_UP_TO_DATE_DATA): State change failed: (-2) Need access to UpToDate data}.
 */
public class CommandFailedException extends CommandException {
    private static final long serialVersionUID = 1L;

    // Without kmod, drbdadm 9 and drbdsetup-84 print "sh: 1: modinfo: not found" or "sh: 1: /sbin/modprobe: not
    // found" before the real reason (they are to be ignored).
    private static final Pattern KMOD_NOISE = Pattern.compile("sh: \\d+: \\S*(modinfo|modprobe): not found");

    private final transient CommandResult result;

    /**
     * Creates the exception for a command that ended with a non-zero exit code.
     *
     * @param result how the command ended
     */
    public CommandFailedException(CommandResult result) {
        super(result.command(), message(result), null);
        this.result = result;
    }

    private static String message(CommandResult r) {
        Optional<StateChangeError> error = StateChangeError.parse(r.stderrText());
        String why = error.map(e -> (e.isKernelFailure() ? "Failure: " : "State change failed: ") + e)
                .orElse(firstLine(r.stderrText()));
        return r.command() + ": exit " + r.exitCode() + " (" + ExitClass.of(r.command(), r.exitCode()) + ")"
                + (why.isEmpty() ? "" : ": " + why);
    }

    /** The first line that says something: blank lines and the shell's missing-kmod noise are skipped. */
    private static String firstLine(String s) {
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !KMOD_NOISE.matcher(t).matches()) {
                return t;
            }
        }
        return "";
    }

    /**
     * Returns the result, when it exited 0.
     *
     * @param result how a command that promised an outcome ended
     * @return the result, when it exited 0
     * @throws CommandFailedException otherwise
     */
    public static CommandResult requireSuccess(CommandResult result) {
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
        return result;
    }

    /**
     * Returns the result.
     *
     * @return the result
     */
    public CommandResult result() {
        return result;
    }

    /**
     * Returns the argv that ran.
     *
     * @return the argv that ran
     */
    public List<String> argv() {
        return result.command().argv();
    }

    /**
     * Returns the exit code.
     *
     * @return the exit code
     */
    public int exitCode() {
        return result.exitCode();
    }

    /**
     * Returns what the exit code means.
     *
     * @return what the exit code means
     */
    public ExitClass exitClass() {
        return ExitClass.of(result.command(), result.exitCode());
    }

    /**
     * Returns standard output.
     *
     * @return standard output
     */
    public String stdout() {
        return result.stdoutText();
    }

    /**
     * Returns standard error.
     *
     * @return standard error
     */
    public String stderr() {
        return result.stderrText();
    }

    /**
     * Returns DRBD's reason, when stderr has a {@code State change failed:} or {@code Failure:} line.
     *
     * @return DRBD's reason, when stderr has a {@code State change failed:} or {@code Failure:} line
     */
    public Optional<StateChangeError> stateChangeError() {
        return StateChangeError.parse(result.stderrText());
    }
}
