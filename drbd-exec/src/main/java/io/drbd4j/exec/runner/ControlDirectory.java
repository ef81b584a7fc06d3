package io.drbd4j.exec.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The private directory that holds one {@link SshRunner}'s control socket: created with mode 0700 under the JVM's
 * temporary directory ({@code /tmp} when that path is too long for a Unix socket), so that no other user can reach
 * the shared connection through it, and deleted by {@link #delete()}. A crash leaves only this directory behind:
 * the master ssh exits after its {@link SshTarget#controlPersist()} without a client, and removes the socket.
 */
final class ControlDirectory {
    /** The socket's name in the directory; ssh adds a random suffix of 17 characters while it creates it. */
    private static final String SOCKET = "cm";

    private final Path dir;

    private ControlDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Returns a new empty directory, mode 0700.
     *
     * @return a new empty directory, mode 0700
     * @throws UncheckedIOException when it cannot be created
     */
    static ControlDirectory create() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        // "drbd4j-ssh-" plus up to 20 digits, "/cm": about 35 characters on top of the base.
        if (base.toString().length() + 40 > SshTarget.MAX_CONTROL_PATH) {
            base = Path.of("/tmp");
        }
        try {
            return new ControlDirectory(Files.createTempDirectory(
                    base,
                    "drbd4j-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the ssh control socket in " + base, e);
        }
    }

    /**
     * Returns the directory.
     *
     * @return the directory
     */
    Path dir() {
        return dir;
    }

    /**
     * Returns the control socket's path in it (the socket exists while a master runs).
     *
     * @return the control socket's path in it (the socket exists while a master runs)
     */
    Path socket() {
        return dir.resolve(SOCKET);
    }

    /**
     * Deletes the directory and whatever is in it (the socket, when the master has not removed it yet).
     *
     * @throws UncheckedIOException when something in it cannot be deleted
     */
    void delete() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the ssh control directory " + dir, e);
        }
    }
}
