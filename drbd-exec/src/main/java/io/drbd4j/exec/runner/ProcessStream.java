package io.drbd4j.exec.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local command started by commons-exec in the background whose standard output a pump thread copies into a
 * bounded buffer; {@link #read} takes from that buffer. The command's timeout and {@link #close()} kill it and
 * everything it started ({@link ProcessSweeper}). Standard input is a pipe left open until {@link #close()}.
 */
final class ProcessStream implements CommandStream {
    /** How much unread output is held before the command blocks on its next write. */
    static final int BUFFER_BYTES = 1 << 20;

    private static final int STDERR_KEEP = 64 << 10;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStream.class);

    private final Command command;
    private final ProcessSweeper sweeper = new ProcessSweeper();
    private final TreeKillingWatchdog watchdog;
    private final DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
    private final byte[] ring = new byte[BUFFER_BYTES];
    private final byte[] stderr = new byte[STDERR_KEEP];
    private int head;
    private int size;
    private long stderrBytes;
    private boolean outputEnded;
    private boolean closed;
    private boolean killedByClose;
    private @Nullable OutputStream stdin;

    private ProcessStream(Command command) {
        this.command = command;
        this.watchdog = new TreeKillingWatchdog(command.timeout().toMillis(), sweeper);
    }

    /** Starts the command. */
    static ProcessStream start(Command command, Map<String, String> environment) {
        ProcessStream stream = new ProcessStream(command);
        ArgvExecutor executor = new ArgvExecutor(command.argv(), command.workingDirectory(), stream.sweeper);
        executor.setStreamHandler(stream.new Pumps());
        executor.setWatchdog(stream.watchdog);
        executor.setExitValues(null);
        Map<String, String> env = new HashMap<>(environment);
        env.put(ProcessSweeper.VARIABLE, stream.sweeper.value());
        try {
            executor.execute(new CommandLine(command.program()), env, stream.result);
        } catch (ExecuteException e) {
            throw new CommandStartException(command, e);
        } catch (IOException e) {
            throw new CommandStartException(command, e);
        }
        return stream;
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
        if (length < 1) {
            throw new IllegalArgumentException("length " + length + " (expected: at least 1)");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean ended;
        synchronized (this) {
            ended = false;
            while (size == 0 && !outputEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CommandInterruptedException(command, "");
                }
            }
            if (size == 0) {
                ended = true;
            } else {
                int n = Math.min(length, size);
                int first = Math.min(n, ring.length - head);
                System.arraycopy(ring, head, buffer, offset, first);
                System.arraycopy(ring, 0, buffer, offset + first, n - first);
                head = (head + n) % ring.length;
                size -= n;
                notifyAll();
                return n;
            }
        }
        if (ended && !closedNow()) {
            // The output ends a moment before the exit code is known: wait for it, so that the end can say why.
            try {
                result.waitFor(CLOSE_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandInterruptedException(command, "");
            }
        }
        return -1;
    }

    private synchronized boolean closedNow() {
        return closed;
    }

    @Override
    public OptionalInt exitCode() {
        synchronized (this) {
            if (killedByClose) {
                return OptionalInt.empty();
            }
        }
        if (!result.hasResult() || watchdog.timedOut()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(result.getExitValue());
    }

    @Override
    public synchronized String stderrText() {
        int kept = (int) Math.min(stderrBytes, STDERR_KEEP);
        int start = (int) ((stderrBytes - kept) % STDERR_KEEP);
        byte[] out = new byte[kept];
        int first = Math.min(kept, STDERR_KEEP - start);
        System.arraycopy(stderr, start, out, 0, first);
        System.arraycopy(stderr, 0, out, first, kept - first);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        OutputStream in;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            killedByClose = !result.hasResult();
            outputEnded = true;
            size = 0;
            in = stdin;
            notifyAll();
        }
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // the command already closed its end
            }
        }
        try {
            // A remote command learns from the end of its input that nobody reads: give ssh a moment to pass it on.
            result.waitFor(CLOSE_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Process p = watchdog.process();
        if (p != null) {
            List<ProcessHandle> survivors = sweeper.killAll(p.toHandle());
            if (!survivors.isEmpty()) {
                LOG.warn(
                        "{} was stopped, but these processes it started survived: {}",
                        command,
                        survivors.stream().map(ProcessHandle::pid).toList());
            }
        }
    }

    private void pumpOut(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                put(chunk, n);
            }
        } catch (IOException | InterruptedException e) {
            // the pipe broke: the command is gone or the stream was closed
        } finally {
            synchronized (this) {
                outputEnded = true;
                notifyAll();
            }
        }
    }

    private synchronized void put(byte[] chunk, int n) throws InterruptedException {
        int done = 0;
        while (done < n) {
            while (size == ring.length && !closed) {
                wait();
            }
            if (closed) {
                return;
            }
            int tail = (head + size) % ring.length;
            int room = Math.min(ring.length - size, ring.length - tail);
            int k = Math.min(room, n - done);
            System.arraycopy(chunk, done, ring, tail, k);
            size += k;
            done += k;
            notifyAll();
        }
    }

    private void pumpErr(InputStream in) {
        byte[] chunk = new byte[4096];
        try (in) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        stderr[(int) (stderrBytes++ % STDERR_KEEP)] = chunk[i];
                    }
                }
            }
        } catch (IOException e) {
            // the pipe broke: the command is gone
        }
    }

    /** Hands the process's streams to the pumps; standard input stays open until {@link #close()}. */
    private final class Pumps implements ExecuteStreamHandler {
        private @Nullable InputStream out;
        private @Nullable InputStream err;
        private @Nullable Thread errPump;
        private @Nullable Thread outPump;

        @Override
        public void setProcessInputStream(OutputStream os) {
            synchronized (ProcessStream.this) {
                stdin = os;
            }
        }

        @Override
        public void setProcessOutputStream(InputStream is) {
            out = is;
        }

        @Override
        public void setProcessErrorStream(InputStream is) {
            err = is;
        }

        @Override
        public void start() {
            InputStream o = out;
            InputStream e = err;
            Thread reader = new Thread(() -> pumpOut(o), "drbd4j-stream-out");
            reader.setDaemon(true);
            reader.start();
            outPump = reader;
            Thread pump = new Thread(() -> pumpErr(e), "drbd4j-stream-err");
            pump.setDaemon(true);
            pump.start();
            errPump = pump;
        }

        /**
         * Called once the process exited, before its exit code is known. commons-exec closes the process's streams
         * right after this returns, so standard output is pumped to its end first: what the command wrote and the
         * pipe still holds would be lost otherwise (seen: 45 KB of a 3 MB output, {@code CommandStreamTest}). That
         * waits for the reader to make room in the buffer, at most the command's timeout; {@link #close()} ends it
         * at once. Then a moment for the rest of standard error, so that {@link #stderrText()} is whole once {@link
         * #exitCode()} is known.
         */
        @Override
        public void stop() {
            Thread reader = outPump;
            if (reader != null) {
                try {
                    reader.join(command.timeout().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Thread pump = errPump;
            if (pump != null) {
                try {
                    pump.join(CLOSE_GRACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
