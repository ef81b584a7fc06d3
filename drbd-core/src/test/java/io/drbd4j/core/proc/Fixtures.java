package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real {@code /proc/drbd} samples, {@code NNN-name.txt} with its {@code NNN-name.source}, kept in this module's
 * {@code src/test/resources/fixtures/proc-drbd}: the folder the system property {@code drbd4j.fixtures.dir} names
 * (set by the build, so other modules' tests find it too), else that path seen from any module's folder.
 */
public final class Fixtures {
    /** Marks a test method as the one that checks the values of one fixture file (its name without .txt). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface CoversFixture {
        String value();
    }

    private Fixtures() {}

    /** @return the fixture folder; fails the test when neither location holds it */
    public static Path dir() {
        String property = System.getProperty("drbd4j.fixtures.dir");
        List<Path> candidates = Stream.of(
                        property == null ? null : Path.of(property),
                        Path.of("..", "drbd-core", "src", "test", "resources", "fixtures", "proc-drbd"))
                .filter(p -> p != null)
                .collect(Collectors.toList());
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("no fixture folder at any of " + candidates
                + " (set -Ddrbd4j.fixtures.dir=<folder of the NNN-name.txt samples>)");
    }

    /** @return the base names (without .txt) of all fixture files, sorted */
    static TreeSet<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the full base name of the single fixture whose name starts with {@code number + "-"} */
    static String name(String number) {
        List<String> matching =
                names().stream().filter(n -> n.startsWith(number + "-")).collect(Collectors.toList());
        assertThat(matching).as("fixtures numbered %s", number).hasSize(1);
        return matching.get(0);
    }

    /** @return the bytes of the fixture with that number ({@code "008"}) or full base name */
    static byte[] bytes(String numberOrName) {
        String name = numberOrName.length() == 3 ? name(numberOrName) : numberOrName;
        try {
            return Files.readAllBytes(dir().resolve(name + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the fixture parsed leniently through every input mode, all of which must agree */
    static ProcDrbdStatus lenient(String number) {
        return InputModes.parseConsistently(ProcDrbdParser.lenient(), bytes(number));
    }

    /** @return the fixture parsed strictly through every input mode, all of which must agree */
    static ProcDrbdStatus strict(String number) {
        return InputModes.parseConsistently(ProcDrbdParser.strict(), bytes(number));
    }
}
