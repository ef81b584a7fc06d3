package io.drbd4j.exec.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Kills everything one command started, including what left its process tree. Each command gets its own marker,
 * the environment variable {@value #VARIABLE} set to a random UUID, which every process it starts inherits: a
 * double fork, {@code setsid} or a daemon keeps it. A sweep sends SIGKILL to the command's process, to its
 * descendants (which catches a child that cleared its environment while it still has its parent) and to every
 * process whose {@code /proc/PID/environ} carries the marker; sweeps repeat until two in a row find no process not
 * already killed.
 *
 * <p>No freezing (SIGSTOP) is needed for this: a process that got SIGKILL forks no more, and what it forked before
 * carries the marker, so the next sweep finds it wherever it was re-parented. Java sends only SIGTERM and SIGKILL,
 * and Linux's child subreaper is out of its reach, which rules out the usual tree-freezing tools anyway.
 *
 * <p>Not reached: a process that replaced its environment (for example {@code env -i}, sudo's {@code env_reset}, a
 * daemon that re-executes itself with a clean environment) or overwrote its initial environment block, once it is
 * no longer a descendant of the command; a process whose environment this JVM may not read (another user's, or a
 * setuid program's, when the JVM is not root); work handed to another service ({@code systemd-run}, {@code at}, a
 * request to a daemon or the kernel); and, where there is no {@code /proc}, everything that left the tree.
 * Thread-safe.
 */
final class ProcessSweeper {
    /** The environment variable that marks every process a command starts. */
    static final String VARIABLE = "DRBD4J_RUN";

    /** How long sweeping may go on before the survivors are given up: a bound for a fork bomb. */
    static final Duration LIMIT = Duration.ofSeconds(2);

    private final String value = UUID.randomUUID().toString();
    private final byte[] needle = (VARIABLE + "=" + value).getBytes(StandardCharsets.US_ASCII);

    /**
     * Returns the marker's value, to put in the command's environment under {@link #VARIABLE}.
     *
     * @return the marker's value
     */
    String value() {
        return value;
    }

    /**
     * Kills the root, its descendants and every marked process, sweeping until two sweeps in a row find nothing
     * new or {@link #LIMIT} has passed.
     *
     * @param root the command's own process
     * @return the processes still alive that a kill was refused for or that the sweeping had no time left for
     */
    synchronized List<ProcessHandle> killAll(ProcessHandle root) {
        Set<ProcessHandle> killed = new HashSet<>();
        Set<ProcessHandle> left = new LinkedHashSet<>();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int quiet = 0;
        List<ProcessHandle> found = List.of();
        while (quiet < 2 && System.nanoTime() - deadline < 0) {
            found = find(root);
            boolean fresh = false;
            for (ProcessHandle p : found) {
                if (killed.add(p)) {
                    fresh = true;
                    if (!p.destroyForcibly() && p.isAlive()) {
                        left.add(p);
                    }
                }
            }
            quiet = fresh ? 0 : quiet + 1;
        }
        if (quiet < 2) {
            found.stream().filter(ProcessHandle::isAlive).forEach(left::add);
        }
        return List.copyOf(left);
    }

    /** The root first, then its descendants while they still have it, then everything else with the marker. */
    private List<ProcessHandle> find(ProcessHandle root) {
        List<ProcessHandle> found = new ArrayList<>();
        if (root.isAlive()) {
            found.add(root);
        }
        root.descendants().forEach(found::add);
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && marked(p.pid()))
                .forEach(found::add);
        return found;
    }

    /** A zombie's environment reads empty, so only a process that can still run is marked. */
    private boolean marked(long pid) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, another user's, or no /proc on this system
        }
        return indexOf(environ, needle) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
