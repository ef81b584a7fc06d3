package io.drbd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main sources' javadoc renders: it cites no document the jars do not ship (spec sections, trap, guard and
 * workflow numbers), and each comment opens with a sentence rather than a block tag. One check over the main sources
 * of every module of the build, read from the project's folders.
 */
class JavadocTextTest {
    private static final Pattern COMMENT = Pattern.compile("/\\*\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern REFERENCE =
            Pattern.compile("§|\\.md\\b|\\btraps? T\\d|\\bG-[A-Z]{2,}\\b|\\bW\\d+(\\.\\d+)?\\b|real-drbd-testbed");
    private static final List<String> MODULES = List.of(
            "drbd-core",
            "drbd-exec",
            "drbd-testkit",
            "chef-ha-workflows",
            "drbd-testbed",
            "drbd-micrometer",
            "examples");

    @Test
    void javadocCitesNoDocumentOutsideTheJar() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : mainSources()) {
            Matcher comment = COMMENT.matcher(Files.readString(file));
            while (comment.find()) {
                Matcher reference = REFERENCE.matcher(comment.group());
                while (reference.find()) {
                    found.add(file + ": " + reference.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void javadocOpensWithASentence() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : mainSources()) {
            String text = Files.readString(file);
            Matcher comment = COMMENT.matcher(text);
            while (comment.find()) {
                String body = comment.group()
                        .substring(3, comment.group().length() - 2)
                        .replaceAll("(?m)^\\s*\\*", "")
                        .strip();
                if (body.startsWith("@")) {
                    found.add(file + ": " + body.lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        assertThat(sources).as("main sources of %s", MODULES).hasSizeGreaterThan(200);
        return sources;
    }
}
