package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The {@code drbd4j} command line in a child JVM ({@code java -cp} this test run's class and module path), so that a
 * test can send it a real signal: its stdout read line by line as it comes, its stderr to a file.
 */
final class ChildCli implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer out = new StringBuffer();
    private final Thread reader;

    private ChildCli(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "child-cli-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param dir where its stderr goes
     * @param args the arguments after {@code drbd4j}
     * @return the running child
     */
    static ChildCli start(Path dir, List<String> args) throws IOException {
        String path = String.join(
                java.io.File.pathSeparator,
                System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path", ""));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                path,
                Drbd4jCommand.class.getName()));
        command.addAll(args);
        Path stderr = Files.createTempFile(dir, "child-cli-", ".err");
        Process process =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildCli(process, stderr);
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.append(line).append('\n');
                lines.add(line);
            }
        } catch (IOException e) {
            out.append("(stdout broke: ").append(e).append(")\n");
        }
    }

    /** @param text what to type on its standard input (then left open) */
    void type(String text) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * @param what the line waited for
     * @param timeout how long at most
     * @return the first line it printed from now on that matches
     */
    String awaitLine(Predicate<String> what, String description, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                return fail("no line " + description + " within " + timeout.toSeconds() + " s (alive: "
                        + process.isAlive() + "); stdout:\n" + out + "\nstderr:\n" + err());
            }
            if (what.test(line)) {
                return line;
            }
        }
    }

    /** Sends SIGINT, as Ctrl-C on a terminal does, to the JVM only (ProcessHandle has no signal API). */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail("kill -INT " + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
    }

    /**
     * @param timeout how long at most
     * @return its exit code
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return fail("still running after " + timeout.toSeconds() + " s; stdout:\n" + out + "\nstderr:\n" + err());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** @return all it printed on stdout so far */
    String out() {
        return out.toString();
    }

    /** @return all it printed on stderr so far */
    String err() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderr + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
