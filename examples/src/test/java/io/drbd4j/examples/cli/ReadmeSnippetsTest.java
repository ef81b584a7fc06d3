package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md's Java snippets are the example programs, whole: each {@code ```java} block is, character for character,
 * a file under {@code src/main/java/io/drbd4j/examples}, which this module compiles and {@link ExampleProgramsTest}
 * runs. So a snippet cannot drift from code that compiles and works.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("../README.md");
    private static final Path PROGRAMS = Path.of("src/main/java/io/drbd4j/examples");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\n(.*?)```\n");

    private static List<String> javaBlocks() throws IOException {
        Matcher m = JAVA_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static List<String> programs() throws IOException {
        try (Stream<Path> files = Files.list(PROGRAMS)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                    .map(p -> {
                        try {
                            return Files.readString(p, StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new AssertionError(p + " unreadable", e);
                        }
                    })
                    .toList();
        }
    }

    @Test
    void everyJavaSnippetIsAnExampleProgramWhole() throws IOException {
        List<String> blocks = javaBlocks();
        List<String> programs = programs();
        assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(5);
        for (String block : blocks) {
            String firstLines = block.lines().limit(3).toList().toString();
            assertThat(programs)
                    .as("an example program equal to the README snippet starting %s", firstLines)
                    .contains(block);
        }
    }

    @Test
    void theFirstSnippetIsTheProgramTheConsumerBuildCompiles() throws IOException {
        String first = javaBlocks().get(0);
        assertThat(first)
                .startsWith("package io.drbd4j.examples;\n")
                .contains("public final class FailoverSetupOnSimulatedPair {");
        String consumer = Files.readString(Path.of("src/it/consumer-module-path/pom.xml"), StandardCharsets.UTF_8);
        assertThat(consumer).contains("FailoverSetupOnSimulatedPair");
    }
}
