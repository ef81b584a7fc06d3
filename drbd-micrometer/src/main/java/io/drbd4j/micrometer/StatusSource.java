package io.drbd4j.micrometer;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.IOException;

/**
 * Where {@link DrbdMetrics} reads the status from: the host's {@code /proc/drbd}, a copy of it, or {@code cat
 * /proc/drbd} on another host.
 *
 * <p>{@link DrbdMetrics#refresh()} calls {@link #read()} exactly once, so one refresh costs one read.
 */
@FunctionalInterface
public interface StatusSource {
    /**
     * Reads the status as it is now.
     *
     * @return the devices and their state; a lenient parser's problems stay in {@link ProcDrbdStatus#problems()}
     * @throws IOException when the status cannot be read
     */
    ProcDrbdStatus read() throws IOException;
}
