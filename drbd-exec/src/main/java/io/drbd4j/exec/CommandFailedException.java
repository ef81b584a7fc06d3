package io.drbd4j.exec;

import io.drbd4j.exec.runner.CommandException;
import io.drbd4j.exec.runner.CommandResult;
import java.util.List;
import java.util.Optional;

/**
 * A DRBD command that promised an outcome exited non-zero. Carries the whole argv, exit code, stdout and stderr,
 * the exit code's class and DRBD's reason when it printed one:
 * {@code drbdadm primary pc0: exit 17 (NO_UP_TO_DATE_DATA): State change failed: (-2) Need access to UpToDate data}.
 */
public class CommandFailedException extends CommandException {
    private static final long serialVersionUID = 1L;

    private final transient CommandResult result;

    /** @param result how the command ended */
    public CommandFailedException(CommandResult result) {
        super(result.command(), message(result), null);
        this.result = result;
    }

    private static String message(CommandResult r) {
        Optional<StateChangeError> error = StateChangeError.parse(r.stderrText());
        String why = error.map(e -> (e.isKernelFailure() ? "Failure: " : "State change failed: ") + e)
                .orElse(firstLine(r.stderrText()));
        return r.command() + ": exit " + r.exitCode() + " (" + ExitClass.of(r.exitCode()) + ")"
                + (why.isEmpty() ? "" : ": " + why);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** @return the result */
    public CommandResult result() {
        return result;
    }

    /** @return the argv that ran */
    public List<String> argv() {
        return result.command().argv();
    }

    /** @return the exit code */
    public int exitCode() {
        return result.exitCode();
    }

    /** @return what the exit code means */
    public ExitClass exitClass() {
        return ExitClass.of(result.exitCode());
    }

    /** @return standard output */
    public String stdout() {
        return result.stdoutText();
    }

    /** @return standard error */
    public String stderr() {
        return result.stderrText();
    }

    /** @return DRBD's reason, when stderr has a {@code State change failed:} or {@code Failure:} line */
    public Optional<StateChangeError> stateChangeError() {
        return StateChangeError.parse(result.stderrText());
    }
}
