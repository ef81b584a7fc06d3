package io.drbd4j.chef.engine;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One command of a step, with what counts as success and, for a copy, the file on the other backend whose contents
 * become its standard input (read with {@code cat} there right before it runs).
 *
 * @param command what runs
 * @param copy the file read on the other backend, fed to the command; empty for none
 * @param accepts whether a result counts as success
 * @param success what success means, in words, for a failure message
 */
public record Action(Command command, Optional<Copy> copy, Predicate<CommandResult> accepts, String success) {
    /**
     * A file on another backend, read with {@code cat}.
     *
     * @param from the backend it is read on
     * @param path the file
     */
    public record Copy(Side from, String path) {}

    /**
     * Returns the command, a success when it exits 0.
     *
     * @param command what runs
     * @return the command, a success when it exits 0
     */
    public static Action of(Command command) {
        return new Action(command, Optional.empty(), CommandResult::succeeded, "exit 0");
    }

    /**
     * Returns the copy, a success when the command exits 0.
     *
     * @param command what runs, fed the file
     * @param from the backend the file is read on
     * @param path the file
     * @return the copy, a success when the command exits 0
     */
    public static Action copyOf(Command command, Side from, String path) {
        return new Action(command, Optional.of(new Copy(from, path)), CommandResult::succeeded, "exit 0");
    }

    /**
     * Returns the {@code cat} that reads the copied file, with the command's timeout.
     *
     * @return the {@code cat} that reads the copied file, with the command's timeout
     */
    Optional<Command> read() {
        return copy.map(c -> Command.of(command.timeout(), "cat", c.path()));
    }
}
