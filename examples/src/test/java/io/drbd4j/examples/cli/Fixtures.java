package io.drbd4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real {@code /proc/drbd} samples kept in drbd-core's test resources: the folder comes from the system property
 * {@code drbd4j.fixtures.dir} that the parent pom passes to surefire, else {@code
 * ../drbd-core/src/test/resources/fixtures/proc-drbd} from the module.
 */
final class Fixtures {
    private Fixtures() {}

    /** @return the folder holding {@code NNN-name.txt} and {@code NNN-name.source} */
    static Path dir() {
        String folder = System.getProperty("drbd4j.fixtures.dir");
        return folder == null || folder.isBlank()
                ? Path.of("..", "drbd-core", "src", "test", "resources", "fixtures", "proc-drbd")
                : Path.of(folder);
    }

    /**
     * @param name a fixture's name without {@code .txt}, for example {@code 016-linbit-ug9-drbd900-version-transports}
     * @return its text file
     */
    static Path file(String name) {
        return dir().resolve(name + ".txt");
    }

    /** @return the names of every {@code *.txt} fixture, without {@code .txt}, sorted */
    static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the fixtures in " + dir().toAbsolutePath(), e);
        }
    }
}
