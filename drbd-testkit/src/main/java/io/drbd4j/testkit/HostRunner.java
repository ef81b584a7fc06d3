package io.drbd4j.testkit;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommandStartException;
import io.drbd4j.exec.runner.CommandStream;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import io.drbd4j.testkit.internal.drbd.DrbdPair;
import io.drbd4j.testkit.internal.drbd.EventStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A host's {@link CommandRunner} on the simulated pair: the faults due before the command run first, a command fault
 * scripted for a powered host answers in place of the host, and after the command the data-loss detector blames what
 * was lost on it and on the procedure step it belongs to.
 */
final class HostRunner implements CommandRunner {
    private final DrbdPair pair;
    private final DrbdNode node;
    private final Faults faults;
    private final DataLossDetector detector;
    private final Supplier<String> step;

    /**
     * Creates the runner of one simulated host.
     *
     * @param step the step each command belongs to, read when the command runs
     */
    HostRunner(DrbdPair pair, DrbdNode node, Faults faults, DataLossDetector detector, Supplier<String> step) {
        this.pair = pair;
        this.node = node;
        this.faults = faults;
        this.detector = detector;
        this.step = step;
    }

    @Override
    public CommandResult run(Command command) {
        String stepName = step.get();
        Objects.requireNonNull(command.timeout(), "timeout");
        faults.beforeCommand();
        Optional<CommandResult> fault = node.isPowered() ? faults.intercept(node.name(), command) : Optional.empty();
        if (fault.isPresent()) {
            return fault.get();
        }
        CommandResult result = Dispatch.run(pair, node, command);
        detector.check(new DataLossDetector.Cause(node.name(), command.argv(), stepName, ""));
        return result;
    }

    /**
     * Streams DRBD's event stream ({@code drbdsetup events all}, 8.3 {@code drbdsetup /dev/drbdN events
     * --all-devices}) of a powered host, in simulated time; any other command runs as {@link #run} would and its
     * output is the stream's whole content.
     */
    @Override
    public Optional<CommandStream> stream(Command command) {
        Objects.requireNonNull(command.timeout(), "timeout");
        List<String> argv = command.argv();
        boolean events = argv.equals(List.of("drbdsetup", "events", "all"))
                || (argv.size() == 4
                        && argv.get(0).equals("drbdsetup")
                        && argv.get(2).equals("events")
                        && argv.get(3).equals("--all-devices"));
        if (!node.isPowered()) {
            throw new CommandStartException(command, new IOException(node.name() + " is powered off"));
        }
        if (events) {
            return Optional.of(new EventStream(command, node));
        }
        return Optional.of(new FinishedStream(command, run(command)));
    }
}
