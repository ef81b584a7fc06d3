package io.drbd4j.testkit;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandStream;
import java.time.Duration;
import java.util.OptionalInt;

/** The stream of a simulated command that has already ended: its whole standard output, then the end. */
final class FinishedStream implements CommandStream {
    private final Command command;
    private final CommandResult result;
    private final byte[] stdout;
    private int pos;
    private boolean closed;

    FinishedStream(Command command, CommandResult result) {
        this.command = command;
        this.result = result;
        this.stdout = result.stdout();
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length, Duration timeout) {
        if (closed || pos == stdout.length) {
            return -1;
        }
        int n = Math.min(length, stdout.length - pos);
        System.arraycopy(stdout, pos, buffer, offset, n);
        pos += n;
        return n;
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.of(result.exitCode());
    }

    @Override
    public String stderrText() {
        return result.stderrText();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
