package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Memory per input byte is bounded in lenient mode: a JVM with a 64 MiB heap parses 1,000 inputs of the worst
 * shape (eight devices whose 16 KiB counters lines are all junk tokens; before the problem caps one such input
 * held 135 M characters) and keeps every result.
 */
class LenientMemoryTest {
    private static final Pattern FIGURES =
            Pattern.compile("inputs=(\\d+) inputBytes=(\\d+) retainedBytes=(-?\\d+) problems=(\\d+)");

    @Test
    void aThousandWorstCaseResultsFitInA64MiBHeap() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                classPath(),
                ProblemStormMain.class.getName(),
                "1000",
                "8"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = child.waitFor(5, TimeUnit.MINUTES);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            child.destroyForcibly();
        }

        assertThat(done).as("child finished within 5 minutes").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        Matcher m = FIGURES.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long inputBytes = Long.parseLong(m.group(2));
        long retained = Long.parseLong(m.group(3));
        System.out.println("LenientMemoryTest: " + m.group() + ", retained bytes per input byte "
                + String.format("%.3f", (double) retained / (1000 * inputBytes)));
        assertThat(Long.parseLong(m.group(4))).isEqualTo(1000L * 8 * (ParseOptions.MAX_PROBLEMS_PER_LINE + 1));
        // Each result holds less than its input: the caps keep 88 short problems of a 131 KB input.
        assertThat(retained).isLessThan(1000 * inputBytes);
    }

    /** The test's class and module path as a plain class path: the child runs everything unnamed. */
    private static String classPath() {
        return Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(p -> Stream.of(p.split(File.pathSeparator)))
                .filter(p -> !p.isBlank())
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }
}
