package io.drbd4j.examples.cli;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs each local command ({@code ssh}, for {@code run} and {@code resume}) in a session of its own, under util-linux
 * {@code setsid}: a terminal's Ctrl-C sends SIGINT to its whole foreground process group, which would kill the ssh
 * client, and with it the remote command, in the middle; in its own session the command finishes and the workflow
 * stops after it. {@code setsid} execs the command in place (a child of the JVM is no process group leader, so it
 * does not fork), so the runner's timeout still kills the command itself. Where {@code setsid} is not installed the
 * command runs as it is. Thread-safe when the wrapped runner is.
 */
final class SetsidRunner implements CommandRunner {
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final CommandRunner local;
    private final String setsid;

    private SetsidRunner(CommandRunner local, String setsid) {
        this.local = Objects.requireNonNull(local, "local");
        this.setsid = setsid;
    }

    /**
     * Returns a runner that starts every command through {@code setsid}, or {@code local} itself without one.
     *
     * @param local the runner of this host
     * @return a runner that starts every command through {@code setsid}, or {@code local} itself without one
     */
    static CommandRunner wrap(CommandRunner local) {
        return SETSID.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .<CommandRunner>map(path -> new SetsidRunner(local, path.toString()))
                .orElse(local);
    }

    @Override
    public CommandResult run(Command command) {
        List<String> argv = new ArrayList<>();
        argv.add(setsid);
        argv.addAll(command.argv());
        CommandResult result =
                local.run(Command.builder().from(command).argv(argv).build());
        return CommandResult.builder().from(result).command(command).build();
    }
}
