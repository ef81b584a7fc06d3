package io.drbd4j.exec.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.jspecify.annotations.Nullable;

/**
 * A commons-exec executor that starts the process from the exact argv. Commons-exec's {@code CommandLine} trims
 * every argument ({@code CommandLine.Argument} calls {@code String.trim()}, commons-exec 1.5.0), which would
 * silently turn {@code "\n"} into {@code ""}; the watchdog, stream handling and result handling stay
 * commons-exec's. The process it hands commons-exec is a {@link WatchedProcess}, so that an interrupt kills the
 * command's processes and is not lost.
 */
final class ArgvExecutor extends DefaultExecutor {
    private final List<String> argv;
    private final Optional<Path> workingDirectory;
    private final ProcessSweeper sweeper;
    private volatile @Nullable WatchedProcess process;

    @SuppressWarnings("deprecation") // the Builder cannot make a subclass
    ArgvExecutor(List<String> argv, Optional<Path> workingDirectory, ProcessSweeper sweeper) {
        this.argv = List.copyOf(argv);
        this.workingDirectory = workingDirectory;
        this.sweeper = sweeper;
    }

    /**
     * Returns the started process, or null when none was started.
     *
     * @return the started process, or null when none was started
     */
    @Nullable
    WatchedProcess process() {
        return process;
    }

    @Override
    protected Process launch(CommandLine ignored, Map<String, String> env, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(env);
        workingDirectory.ifPresent(d -> builder.directory(d.toFile()));
        WatchedProcess started = new WatchedProcess(builder.start(), sweeper);
        process = started;
        return started;
    }

    @Override
    protected Process launch(CommandLine ignored, Map<String, String> env, File dir) throws IOException {
        return launch(ignored, env, dir == null ? null : dir.toPath());
    }
}
