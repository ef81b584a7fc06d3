package io.drbd4j.exec.runner;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The started process as commons-exec sees it, so that an interrupt is not lost. Commons-exec 1.5.0 waits in
 * {@code DefaultExecutor.executeInternal}, which on an interrupt only sends SIGTERM to the process itself, clears
 * the interrupt flag (also after a normal exit) and returns {@code Executor.INVALID_EXITVALUE} as if it were an exit
 * code. This wrapper kills everything the command started ({@link ProcessSweeper}) in the interrupted thread before
 * commons-exec goes on, and records that the interrupt happened so the runner can restore the flag and throw.
 */
final class WatchedProcess extends Process {
    private final Process delegate;
    private final ProcessSweeper sweeper;
    private volatile boolean interruptedWhileRunning;
    private volatile boolean interruptedAfterExit;
    private volatile List<ProcessHandle> survivors = List.of();

    WatchedProcess(Process delegate, ProcessSweeper sweeper) {
        this.delegate = delegate;
        this.sweeper = sweeper;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            int exit = delegate.waitFor();
            interruptedAfterExit |= Thread.currentThread().isInterrupted();
            return exit;
        } catch (InterruptedException e) {
            interruptedWhileRunning = true;
            survivors = sweeper.killAll(delegate.toHandle());
            throw e;
        }
    }

    /**
     * Returns whether the waiting thread was interrupted before the process exited (it was killed then).
     *
     * @return whether the waiting thread was interrupted before the process exited
     */
    boolean interruptedWhileRunning() {
        return interruptedWhileRunning;
    }

    /**
     * Returns whether the waiting thread's interrupt flag was set when the process had exited on its own.
     *
     * @return whether the waiting thread's interrupt flag was set when the process had exited on its own
     */
    boolean interruptedAfterExit() {
        return interruptedAfterExit;
    }

    /**
     * Returns the processes the kill after an interrupt could not reach.
     *
     * @return the processes the kill after an interrupt could not reach
     */
    List<ProcessHandle> survivors() {
        return survivors;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.waitFor(timeout, unit);
    }

    @Override
    public OutputStream getOutputStream() {
        return delegate.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return delegate.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return delegate.getErrorStream();
    }

    @Override
    public int exitValue() {
        return delegate.exitValue();
    }

    @Override
    public void destroy() {
        delegate.destroy();
    }

    @Override
    public Process destroyForcibly() {
        delegate.destroyForcibly();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return delegate.supportsNormalTermination();
    }

    @Override
    public boolean isAlive() {
        return delegate.isAlive();
    }

    @Override
    public long pid() {
        return delegate.pid();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return delegate.onExit().thenApply(p -> this);
    }

    @Override
    public ProcessHandle toHandle() {
        return delegate.toHandle();
    }

    @Override
    public ProcessHandle.Info info() {
        return delegate.info();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return delegate.children();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return delegate.descendants();
    }
}
