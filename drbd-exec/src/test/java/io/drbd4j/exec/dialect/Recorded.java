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
 * the shared {@code /proc/drbd} fixtures ({@code <drbd4j.shared.dir>/fixtures/proc-drbd/NNN-name.txt}, the
 * system property set by the build, else {@code ../../shared} or {@code ../shared} seen from the module).
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
        String property = System.getProperty("drbd4j.shared.dir");
        List<Path> candidates = Stream.of(
                        property == null ? null : Path.of(property, "fixtures", "proc-drbd"),
                        Path.of("..", "..", "shared", "fixtures", "proc-drbd"),
                        Path.of("..", "shared", "fixtures", "proc-drbd"))
                .filter(p -> p != null)
                .toList();
        return candidates.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .map(p -> p.toAbsolutePath().normalize())
                .orElseThrow(() -> new AssertionError(
                        "no fixture folder at any of " + candidates + " (set -Ddrbd4j.shared.dir=<path to shared>)"));
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
