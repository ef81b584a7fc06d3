package io.drbd4j.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.Fixtures;
import io.drbd4j.core.proc.ProcDrbdParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Device statuses for the safety tests, always built by parsing {@code /proc/drbd} text: the real samples
 * ({@code NNN-name.txt} in this module's test resources, found through {@code Fixtures.dir()}) or synthetic device lines under an 8.4 header.
 */
final class Statuses {
    private static final String HEADER = "version: 8.4.11-1 (api:1/proto:86-101)\n"
            + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by root@pc0, 2018-11-03 01:26:55\n";

    private Statuses() {}

    /** @return the fixture folder, found as the parser's tests find it */
    static Path fixtureDir() {
        return Fixtures.dir();
    }

    /** @return every fixture file, sorted by name */
    static List<Path> fixtureFiles() {
        try (Stream<Path> files = Files.list(fixtureDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the fixture whose name starts with {@code number + "-"}, such as "023", parsed leniently: some
     *     fixtures (021, 022) carry a build-tag line broken in two by the page they were copied from, which a
     *     lenient parse reports as a problem and skips; the device lines are what these tests judge
     */
    static ProcDrbdStatus fixture(String number) {
        List<Path> matching = fixtureFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith(number + "-"))
                .collect(Collectors.toList());
        assertThat(matching).as("fixtures numbered %s", number).hasSize(1);
        try {
            return ProcDrbdParser.lenient().parse(Files.readAllBytes(matching.get(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return one minor of a fixture */
    static DeviceStatus fixture(String number, int minor) {
        return fixture(number)
                .device(minor)
                .orElseThrow(() -> new AssertionError("fixture " + number + " has no minor " + minor));
    }

    /**
     * @param deviceLines a state line and its counters line, as {@code /proc/drbd} prints them
     * @return the single device those lines describe
     */
    static DeviceStatus device(String deviceLines) {
        ProcDrbdStatus status =
                ProcDrbdParser.strict().parse((HEADER + deviceLines).getBytes(StandardCharsets.US_ASCII));
        assertThat(status.devices()).hasSize(1);
        return status.devices().get(0);
    }

    /** @return a state line plus a counters line with the given oos (KiB) */
    static DeviceStatus device(String stateLine, long oosKiB) {
        return device(stateLine, oosKiB, "");
    }

    /**
     * @param stateLine the state line after the minor, such as {@code cs:Connected ro:...}
     * @param oosKiB the counters line's oos (KiB)
     * @param progressLines the progress and finish lines that follow, each ending in a newline
     * @return the device
     */
    static DeviceStatus device(String stateLine, long oosKiB, String progressLines) {
        return device(" 0: " + stateLine + "\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:"
                + oosKiB + "\n" + progressLines);
    }
}
