package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.proc.Fixtures.CoversFixture;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every fixture file has a test that checks its values, and every such test names an existing fixture. */
class FixtureCoverageTest {
    private static final List<Class<?>> VALUE_TESTS =
            List.of(FixtureValuesDrbd80And83Test.class, FixtureValuesDrbd84And9Test.class);

    private static List<String> covered() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : VALUE_TESTS) {
            for (Method m : type.getDeclaredMethods()) {
                CoversFixture covers = m.getAnnotation(CoversFixture.class);
                if (covers != null) {
                    assertThat(m.getAnnotation(Test.class))
                            .as("%s is a test", m.getName())
                            .isNotNull();
                    assertThat(m.getName())
                            .as("test method named after its fixture number")
                            .startsWith("fixture" + covers.value().substring(0, 3) + "_");
                    names.add(covers.value());
                }
            }
        }
        return names;
    }

    @Test
    void everyFixtureFileHasExactlyOneValueTestAndEveryValueTestHasAFixture() {
        List<String> covered = covered();

        assertThat(covered).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(covered))
                .as("fixture files in %s versus @CoversFixture tests", Fixtures.dir())
                .isEqualTo(Fixtures.names());
    }

    @Test
    void fixtureFolderIsFoundAndHoldsTheKnownCorpus() {
        assertThat(Fixtures.dir()).isDirectory();
        assertThat(Fixtures.names())
                .hasSizeGreaterThanOrEqualTo(27)
                .contains("004-ganeti-drbd831-multi-minor-nul-flag");
    }

    @Test
    void everyFixtureHasAProvenanceFile() {
        List<String> withoutSource = Fixtures.names().stream()
                .filter(n -> !Files.isRegularFile(Fixtures.dir().resolve(n + ".source")))
                .collect(Collectors.toList());

        assertThat(withoutSource).isEmpty();
    }

    @Test
    void everyProvenanceFileHasItsFixture() {
        try (Stream<java.nio.file.Path> files = Files.list(Fixtures.dir())) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".source"))
                    .map(n -> n.substring(0, n.length() - ".source".length()))
                    .filter(n -> !Fixtures.names().contains(n))
                    .collect(Collectors.toList());
            assertThat(orphans).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
