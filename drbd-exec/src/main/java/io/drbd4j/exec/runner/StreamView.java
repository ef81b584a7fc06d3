package io.drbd4j.exec.runner;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A stream seen through a runner that wraps another: the same output, exit code and close, with the command the
 * caller gave and the stderr text the wrapping runner shows (redacted, or without ssh's own lines).
 */
final class StreamView implements CommandStream {
    private final CommandStream stream;
    private final Command command;
    private final UnaryOperator<String> stderr;

    StreamView(CommandStream stream, Command command, UnaryOperator<String> stderr) {
        this.stream = stream;
        this.command = command;
        this.stderr = stderr;
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        return stream.read(buffer, offset, length, timeout);
    }

    @Override
    public OptionalInt exitCode() {
        return stream.exitCode();
    }

    @Override
    public String stderrText() {
        return stderr.apply(stream.stderrText());
    }

    @Override
    public void close() {
        stream.close();
    }
}
