package io.drbd4j.chef;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One command of a step, with what counts as success and, for a copy, the file on another backend whose contents
 * become its standard input.
 *
 * @param command what runs
 * @param stdinFrom {@code host} and {@code path} read with {@code cat} right before the command; empty for none
 * @param accepts whether a result counts as success
 * @param success what success means, in words, for a failure message
 */
record Action(Command command, Optional<String[]> stdinFrom, Predicate<CommandResult> accepts, String success) {
    static Action of(Command command) {
        return new Action(command, Optional.empty(), CommandResult::succeeded, "exit 0");
    }
}
