package io.drbd4j.exec;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.util.List;
import java.util.Objects;

/** {@link DrbdSetup} over a runner and a dialect. Thread-safe when the runner is. */
public final class CliDrbdSetup implements DrbdSetup {
    private final CommandRunner runner;
    private final DrbdDialect dialect;

    /**
     * Creates a {@code drbdsetup} that runs its commands through {@code runner}.
     *
     * @param runner runs the commands on the host
     * @param dialect the host's dialect
     */
    public CliDrbdSetup(CommandRunner runner, DrbdDialect dialect) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public DrbdDialect dialect() {
        return dialect;
    }

    @Override
    public void resyncRate(int minor, String rate) {
        Arguments.rate(rate);
        run(
                is83()
                        ? command("drbdsetup", device(minor), "syncer", "-r", rate)
                        : command("drbdsetup", "disk-options", minor(minor), "--resync-rate=" + rate));
    }

    @Override
    public ConnectionState cstate(int minor) {
        String word = query(minor, "cstate");
        return ConnectionState.fromLabel(word)
                .orElseThrow(() -> new DrbdQueryException(queryCommand(minor, "cstate"), word));
    }

    @Override
    public VolumeState<Role> role(int minor) {
        String word = query(minor, "role");
        return CliDrbdAdm.pair(word, Role::fromLabel)
                .orElseThrow(() -> new DrbdQueryException(queryCommand(minor, "role"), word));
    }

    @Override
    public VolumeState<DiskState> dstate(int minor) {
        String word = query(minor, "dstate");
        return CliDrbdAdm.pair(word, DiskState::fromLabel)
                .orElseThrow(() -> new DrbdQueryException(queryCommand(minor, "dstate"), word));
    }

    private boolean is83() {
        return dialect.apiVersion() == 88;
    }

    private Command queryCommand(int minor, String what) {
        return is83() ? command("drbdsetup", device(minor), what) : command("drbdsetup", what, minor(minor));
    }

    private String query(int minor, String what) {
        return run(queryCommand(minor, what)).stdoutText().strip();
    }

    private Command command(String... argv) {
        return Command.of(DrbdDialect.DEFAULT_TIMEOUT, List.of(argv));
    }

    private static String device(int minor) {
        // 8.3 has at most 256 minors (minor_count, drbd_limits.h), as Drbd83Dialect checks.
        if (minor > 255) {
            throw new IllegalArgumentException("minor " + minor + " (expected: 0 to 255 on DRBD 8.3)");
        }
        return "/dev/drbd" + minor(minor);
    }

    private static String minor(int minor) {
        if (minor < 0 || minor > 1_048_575) {
            throw new IllegalArgumentException("minor " + minor + " (expected: 0 to 1048575)");
        }
        return String.valueOf(minor);
    }

    private CommandResult run(Command command) {
        return CommandFailedException.requireSuccess(runner.run(command));
    }
}
