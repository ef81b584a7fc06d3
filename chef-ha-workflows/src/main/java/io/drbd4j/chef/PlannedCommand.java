package io.drbd4j.chef;

import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One command a step runs, on the backend it runs on: {@code be2: dd of=/etc/opscode/chef-server.rb}, fed the output
 * of {@code cat /etc/opscode/chef-server.rb} on be1 the command before it. Immutable.
 */
@Value.Immutable
public abstract class PlannedCommand {
    // Only the implementation Immutables generates in this package extends this type.
    PlannedCommand() {}

    /**
     * Returns the backend it runs on.
     *
     * @return the backend it runs on
     */
    public abstract String host();

    /**
     * Returns the program and its arguments, never through a shell.
     *
     * @return the program and its arguments, never through a shell
     */
    public abstract List<String> argv();

    /**
     * Returns how long it may run.
     *
     * @return how long it may run
     */
    public abstract Duration timeout();

    /**
     * Returns what its standard input is, in words, such as {@code the output of cat F on be1}; empty for none.
     *
     * @return what its standard input is, in words, such as {@code the output of cat F on be1}; empty for none
     */
    public abstract Optional<String> input();

    /**
     * Returns the command as one line a POSIX shell would run the same way (arguments quoted).
     *
     * @return the command as one line a POSIX shell would run the same way (arguments quoted)
     */
    public String toShellString() {
        return Command.of(timeout(), argv()).toShellString();
    }

    @Override
    public String toString() {
        return host() + ": " + toShellString() + input().map(i -> " < " + i).orElse("");
    }

    /**
     * Returns a new builder of {@link PlannedCommand} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PlannedCommand} values; not thread-safe. */
    public static final class Builder extends ImmutablePlannedCommand.Builder {
        Builder() {}
    }
}
