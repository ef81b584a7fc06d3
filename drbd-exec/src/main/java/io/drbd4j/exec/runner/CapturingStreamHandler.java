package io.drbd4j.exec.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.apache.commons.exec.ExecuteStreamHandler;

/**
 * Feeds a process its stdin and captures its stdout and stderr up to a limit each; past the limit the bytes are
 * read and counted, so a process printing gigabytes neither blocks on a full pipe nor fills the heap.
 *
 * <p>{@link #stop()} waits for the pumps at most the stop timeout: a grandchild that keeps the pipe open after the
 * process exited must not hang the caller. Commons-exec's own PumpStreamHandler throws in that case and loses the
 * exit code, hence this handler.
 */
final class CapturingStreamHandler implements ExecuteStreamHandler {
    private final byte[] stdin;
    private final Capture out;
    private final Capture err;
    private final Duration stopTimeout;
    private OutputStream processStdin;
    private Thread stdinWriter;
    private boolean pipeHeldOpen;

    CapturingStreamHandler(byte[] stdin, long limit, Duration stopTimeout) {
        this.stdin = stdin;
        this.out = new Capture("stdout", limit);
        this.err = new Capture("stderr", limit);
        this.stopTimeout = stopTimeout;
    }

    @Override
    public void setProcessInputStream(OutputStream os) {
        processStdin = os;
    }

    @Override
    public void setProcessOutputStream(InputStream is) {
        out.source = is;
    }

    @Override
    public void setProcessErrorStream(InputStream is) {
        err.source = is;
    }

    @Override
    public void start() throws IOException {
        out.start();
        err.start();
        if (stdin == null) {
            processStdin.close();
        } else {
            stdinWriter = new Thread(this::writeStdin, "drbd4j-stdin");
            stdinWriter.setDaemon(true);
            stdinWriter.start();
        }
    }

    private void writeStdin() {
        try (OutputStream os = processStdin) {
            os.write(stdin);
        } catch (IOException e) {
            // The process closed its stdin before reading everything: its exit code will tell.
        }
    }

    @Override
    public void stop() {
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        pipeHeldOpen = !out.await(deadline) | !err.await(deadline);
        if (stdinWriter != null) {
            stdinWriter.interrupt();
        }
    }

    /**
     * Returns true when a pump was still reading at {@link #stop()}: a descendant kept the pipe open.
     *
     * @return true when a pump was still reading at {@link #stop()}: a descendant kept the pipe open
     */
    boolean pipeHeldOpen() {
        return pipeHeldOpen;
    }

    byte[] stdout() {
        return out.bytes();
    }

    byte[] stderr() {
        return err.bytes();
    }

    boolean stdoutTruncated() {
        return out.truncated();
    }

    boolean stderrTruncated() {
        return err.truncated();
    }

    /** One stream's pump: keeps the first {@code limit} bytes, counts the rest. */
    private static final class Capture implements Runnable {
        private final String name;
        private final long limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;
        private Thread thread;
        InputStream source;

        Capture(String name, long limit) {
            this.name = name;
            this.limit = limit;
        }

        void start() {
            thread = new Thread(this, "drbd4j-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (InputStream in = source) {
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    synchronized (this) {
                        int keep = (int) Math.max(0, Math.min(n, limit - kept.size()));
                        kept.write(chunk, 0, keep);
                        dropped += n - keep;
                    }
                }
            } catch (IOException e) {
                // The stream was closed under us: what was read so far is the output.
            }
        }

        boolean await(long deadlineNanos) {
            try {
                long left = deadlineNanos - System.nanoTime();
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        synchronized boolean truncated() {
            return dropped > 0;
        }
    }
}
