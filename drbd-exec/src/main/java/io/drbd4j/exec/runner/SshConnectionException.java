package io.drbd4j.exec.runner;

/**
 * The SSH client could not reach or log in to the host, or the remote shell did not start the command: the remote
 * line never printed the start marker that {@link SshRunner} puts before everything else, so the command did not
 * run. Usually ssh exited 255 with one of its own messages on stderr.
 */
public class SshConnectionException extends CommandException {
    private static final long serialVersionUID = 1L;

    /** What ssh printed. */
    private final String stderr;

    /**
     * Creates the exception for a command ssh could not run on the remote host.
     *
     * @param command the command that was to run remotely
     * @param destination user@host:port
     * @param stderr what ssh printed
     */
    public SshConnectionException(Command command, String destination, String stderr) {
        super(
                command,
                "cannot reach " + destination + " over ssh: " + firstLine(stderr) + " (command not run: " + command
                        + ")",
                null);
        this.stderr = stderr;
    }

    /** A copy with its text already redacted ({@link Redactor}). */
    SshConnectionException(String message, Command command, String stderr) {
        super(command, message, null);
        this.stderr = stderr;
    }

    /**
     * Returns what the ssh client printed on stderr.
     *
     * @return what the ssh client printed on stderr
     */
    public String stderr() {
        return stderr;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
