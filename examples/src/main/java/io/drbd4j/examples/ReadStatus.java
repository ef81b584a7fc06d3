package io.drbd4j.examples;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.SafetyReport;
import java.io.IOException;
import java.nio.file.Path;

/** Reads {@code /proc/drbd} (or the file named by the first argument) and says what each device means for data. */
public final class ReadStatus {
    private ReadStatus() {}

    /**
     * Runs the example.
     *
     * @param args optionally the file to read instead of {@code /proc/drbd}
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/proc/drbd");
        ProcDrbdStatus status = ProcDrbdParser.lenient().parse(file); // strict() throws at the first odd line
        status.version().ifPresent(v -> System.out.println("DRBD " + v.release()));
        for (DeviceStatus device : status.devices()) {
            SafetyReport safety = DataSafety.of(device);
            System.out.println(device.minor() + ": " + safety.summary());
            System.out.println(
                    "   can the peer be lost? " + safety.canLosePeer().reason());
        }
        status.problems().forEach(p -> System.out.println("could not read: " + p)); // with line and column
    }
}
