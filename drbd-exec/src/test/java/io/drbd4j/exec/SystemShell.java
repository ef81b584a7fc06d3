package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a line through the real {@code /bin/sh}, for tests that prove what the shell reads back from a quoted word. */
public final class SystemShell {
    /**
     * The JVM encodes argv with its default charset: only when that is UTF-8 does {@code sh -c LINE} see the line's
     * exact UTF-8 bytes. Otherwise the line goes to {@code sh -s} on standard input: the same parser, exact bytes.
     */
    private static final boolean UTF8_ARGV = StandardCharsets.UTF_8.equals(Charset.defaultCharset())
            && "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private SystemShell() {}

    /**
     * @param line a shell command line, such as {@code "printf '%s' " + Shell.quote(value)}
     * @return what the line printed on standard output, as bytes; the line must exit 0 within 10 s
     */
    public static byte[] stdout(String line) {
        ProcessBuilder builder =
                UTF8_ARGV ? new ProcessBuilder("/bin/sh", "-c", line) : new ProcessBuilder("/bin/sh", "-s");
        builder.environment().put("LC_ALL", "C");
        builder.redirectError(Redirect.INHERIT);
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (!UTF8_ARGV) {
                    stdin.write(line.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(10, TimeUnit.SECONDS))
                    .as("sh finished: %s", line)
                    .isTrue();
            assertThat(process.exitValue()).as("exit code of sh -c %s", line).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run /bin/sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * @param line a shell command line
     * @return its standard output decoded as UTF-8
     */
    public static String stdoutText(String line) {
        return new String(stdout(line), StandardCharsets.UTF_8);
    }
}
