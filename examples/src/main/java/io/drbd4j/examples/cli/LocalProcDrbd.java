package io.drbd4j.examples.cli;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParseException;
import io.drbd4j.core.proc.ProcDrbdParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file in {@code /proc/drbd} format on this host, for {@code status} and {@code check}: every way the read
 * can fail is a {@link CliFailure} with a one-line message in {@code cat}'s words, as {@link RemoteProcDrbd} does for
 * another host.
 */
final class LocalProcDrbd {
    private LocalProcDrbd() {}

    /** Where the drbd kernel module shows its state; absent while the module is not loaded. */
    static final Path PROC_DRBD = Path.of("/proc/drbd");

    /**
     * Returns what the parser made of it.
     *
     * @param parser strict or lenient
     * @param file a file in {@code /proc/drbd} format
     * @return what the parser made of it
     * @throws CliFailure when the file cannot be read ({@code cannot read F: No such file or directory}; for a
     *     missing {@code /proc/drbd}, that DRBD is not loaded here) or a strict parse fails
     */
    static ProcDrbdStatus read(ProcDrbdParser parser, Path file) {
        try {
            return parser.parse(file);
        } catch (NoSuchFileException e) {
            if (file.equals(PROC_DRBD)) {
                // The drbd kernel module creates /proc/drbd when it loads (drbd_main.c, drbd_init).
                throw new CliFailure(
                        "DRBD is not loaded on this host: there is no " + PROC_DRBD
                                + " (load the drbd module: modprobe drbd)",
                        e);
            }
            throw new CliFailure("cannot read " + file + ": " + reason(e), e);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + reason(e), e);
        } catch (ProcDrbdParseException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    /**
     * Words as in {@code cat}'s messages: the file system exceptions carry only the path in their message.
     *
     * @param e why a read failed
     * @return {@code No such file or directory}, {@code Permission denied}, or the exception's own reason
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        } else if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
