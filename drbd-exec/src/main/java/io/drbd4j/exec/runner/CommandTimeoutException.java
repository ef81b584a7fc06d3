package io.drbd4j.exec.runner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A command ran past its timeout and was killed with its children; carries what it printed until then. */
public class CommandTimeoutException extends CommandException {
    private static final long serialVersionUID = 1L;

    /** Standard output captured before the kill. */
    private final byte[] stdout;

    /** Standard error captured before the kill. */
    private final byte[] stderr;

    /**
     * Creates the exception for a command killed at its timeout.
     *
     * @param command the command
     * @param where "" for this host, or " on user@host"
     * @param stdout standard output captured before the kill
     * @param stderr standard error captured before the kill
     */
    public CommandTimeoutException(Command command, String where, byte[] stdout, byte[] stderr) {
        super(command, "timed out after " + seconds(command.timeout()) + where + ", killed: " + command, null);
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
    }

    /** A copy with its text already redacted ({@link Redactor}). */
    CommandTimeoutException(String message, Command command, byte[] stdout, byte[] stderr) {
        super(command, message, null);
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
    }

    /**
     * Returns standard output captured before the kill.
     *
     * @return standard output captured before the kill
     */
    public byte[] stdout() {
        return stdout.clone();
    }

    /**
     * Returns standard error captured before the kill.
     *
     * @return standard error captured before the kill
     */
    public byte[] stderr() {
        return stderr.clone();
    }

    /**
     * Returns standard output before the kill, as UTF-8 text.
     *
     * @return standard output before the kill, as UTF-8 text
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Returns standard error before the kill, as UTF-8 text.
     *
     * @return standard error before the kill, as UTF-8 text
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
