package io.drbd4j.exec.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds the processes a test started by a unique argument in their {@code /proc/PID/cmdline}, such as the
 * {@code 1000.482913} of {@code sleep 1000.482913}: independent of the runner's own marker.
 */
final class LeftoverProcesses {
    private final String token;

    private LeftoverProcesses(String token) {
        this.token = token;
    }

    /** A fresh sleep argument: 1000 s and a random fraction that no other process on the host uses. */
    static LeftoverProcesses fresh() {
        return new LeftoverProcesses(
                String.format("1000.%06d", ThreadLocalRandom.current().nextInt(1_000_000)));
    }

    /** The unique argument to give {@code sleep}. */
    String token() {
        return token;
    }

    /** The pids whose command line holds the token as a whole argument, now. */
    List<Long> alive() {
        byte[] needle = ("\0" + token + "\0").getBytes(StandardCharsets.US_ASCII);
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .map(ProcessHandle::pid)
                .filter(pid -> pid != self && contains(cmdline(pid), needle))
                .toList();
    }

    /** The pids still holding the token after waiting up to {@code grace} for them to go. */
    List<Long> aliveAfter(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Long> left = alive();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = alive();
        }
        return left;
    }

    /** Waits up to {@code limit} until at least {@code count} processes hold the token. */
    boolean awaitAtLeast(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (alive().size() >= count) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Kills whatever still holds the token, so that a failing test leaves the host clean. */
    void killAll() {
        alive().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static byte[] cmdline(long pid) {
        try {
            return Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length + 1; i++) {
            for (int j = 0; j < needle.length; j++) {
                // cmdline ends with NUL; the first argument is not preceded by one, never the token here
                byte b = i + j < haystack.length ? haystack[i + j] : 0;
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
