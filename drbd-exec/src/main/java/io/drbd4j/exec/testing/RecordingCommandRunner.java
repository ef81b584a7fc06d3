package io.drbd4j.exec.testing;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Passes every command to another runner and remembers it, in order, with how it ended. Thread-safe.
 *
 * <pre>{@code
 * RecordingCommandRunner recording = new RecordingCommandRunner(sim.runner("be1")); // any CommandRunner
 * new CliDrbdAdm(recording, DrbdDialect.drbd84()).primary("pc0");
 * assertThat(recording.argvs()).contains(List.of("drbdadm", "primary", "pc0"));
 * }</pre>
 */
public final class RecordingCommandRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final List<Command> commands = new ArrayList<>();
    private final List<CommandResult> results = new ArrayList<>();

    /**
     * Creates a runner that records each command and passes it to {@code delegate}.
     *
     * @param delegate the runner that runs the commands
     */
    public RecordingCommandRunner(CommandRunner delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public CommandResult run(Command command) {
        synchronized (this) {
            commands.add(command);
        }
        CommandResult result = delegate.run(command);
        synchronized (this) {
            results.add(result);
        }
        return result;
    }

    /**
     * Returns every command passed on so far, in order, including those that then threw.
     *
     * @return every command passed on so far, in order, including those that then threw
     */
    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /**
     * Returns the argv of every command so far, in order.
     *
     * @return the argv of every command so far, in order
     */
    public synchronized List<List<String>> argvs() {
        return commands.stream().map(Command::argv).toList();
    }

    /**
     * Returns the results of the commands that returned, in order.
     *
     * @return the results of the commands that returned, in order
     */
    public synchronized List<CommandResult> results() {
        return List.copyOf(results);
    }

    /** Forgets everything recorded so far. */
    public synchronized void clear() {
        commands.clear();
        results.clear();
    }
}
