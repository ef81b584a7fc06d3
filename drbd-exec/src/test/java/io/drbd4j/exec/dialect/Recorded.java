package io.drbd4j.exec.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test texts: recorded drbd-utils output under {@code src/test/resources/recorded} (provenance in its README) and
 * the real {@code /proc/drbd} samples kept in drbd-core's test resources ({@code NNN-name.txt} in the folder the
 * build names in the system property {@code drbd4j.fixtures.dir}, else in {@code
 * ../drbd-core/src/test/resources/fixtures/proc-drbd} seen from the module).
 */
public final class Recorded {
    private Recorded() {}

    /**
     * @param path below {@code recorded/}, such as {@code stderr/84-role-exit20-module-missing.txt}
     * @return the text, byte for byte as UTF-8
     */
    public static String text(String path) {
        try (InputStream in = Recorded.class.getResourceAsStream("/recorded/" + path)) {
            if (in == null) {
                throw new AssertionError("no test resource recorded/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the /proc/drbd fixture folder; fails the test when no candidate holds it */
    public static Path procDrbdFixtures() {
        String property = System.getProperty("drbd4j.fixtures.dir");
        List<Path> candidates = Stream.of(
                        property == null ? null : Path.of(property),
                        Path.of("..", "drbd-core", "src", "test", "resources", "fixtures", "proc-drbd"))
                .filter(p -> p != null)
                .toList();
        return candidates.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .map(p -> p.toAbsolutePath().normalize())
                .orElseThrow(() -> new AssertionError("no fixture folder at any of " + candidates
                        + " (set -Ddrbd4j.fixtures.dir=<folder of the NNN-name.txt samples>)"));
    }

    /** @return the base names (without .txt) of the /proc/drbd fixtures, sorted */
    public static List<String> procDrbdNames() {
        try (Stream<Path> files = Files.list(procDrbdFixtures())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a fixture's base name, such as {@code 013-linbit-ug84-drbd8312-connected}
     * @return its text (decoded as UTF-8, malformed bytes replaced, as {@code CommandResult.stdoutText()} does)
     */
    public static String procDrbd(String name) {
        try {
            return new String(Files.readAllBytes(procDrbdFixtures().resolve(name + ".txt")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
