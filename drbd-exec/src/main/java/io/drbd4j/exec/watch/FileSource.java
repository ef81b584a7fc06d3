package io.drbd4j.exec.watch;

import io.drbd4j.core.time.Sleeper;
import io.drbd4j.core.watch.DrbdChangeTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads a local {@code /proc/drbd} every interval, through one channel kept open and read again from its start (the
 * kernel makes the text anew for each read from the start). A file that is not there (DRBD not loaded) reads as no
 * device. A reading that changed nothing allocates nothing once warm.
 */
final class FileSource implements Source {
    private final Path file;
    private final Duration interval;
    private final Sleeper sleeper;
    private final DrbdChangeTracker tracker;
    private static final byte[] NOTHING = new byte[0];

    private final Clock clock;
    private final long intervalMillis;
    private long next;
    private @Nullable FileChannel channel;

    FileSource(Path file, Duration interval, Sleeper sleeper, DrbdChangeTracker tracker) {
        this.file = file;
        this.interval = interval;
        this.sleeper = sleeper;
        this.tracker = tracker;
        this.clock = sleeper.clock();
        this.intervalMillis = interval.toMillis();
        this.next = clock.millis();
    }

    @Override
    public void poll() {
        next = clock.millis() + intervalMillis;
        read();
    }

    @Override
    public void pump(long timeoutMillis) {
        long now = clock.millis();
        if (now < next) {
            long wait = next - now;
            if (wait > timeoutMillis) {
                sleep(timeoutMillis);
                return;
            }
            sleep(wait);
        }
        poll();
    }

    /** Reads the file once now, from its start, through the channel kept open between readings. */
    void read() {
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            channel.position(0);
            tracker.update(channel);
        } catch (NoSuchFileException e) {
            tracker.update(NOTHING, 0, 0);
        } catch (IOException | UncheckedIOException e) {
            close();
            throw new DrbdWatchException("cannot read " + file + ": " + e.getMessage()
                    + " (expected: a readable file in /proc/drbd's format)");
        }
    }

    private void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            sleeper.sleep(millis == intervalMillis ? interval : Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrbdWatchException("interrupted while waiting to read " + file);
        }
    }

    @Override
    public void close() {
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing was written
            }
        }
    }
}
