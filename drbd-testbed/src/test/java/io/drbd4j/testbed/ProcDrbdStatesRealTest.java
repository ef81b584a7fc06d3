package io.drbd4j.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.core.proc.ProcDrbdWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * /proc/drbd as the real kernel prints it in every state the pair can reach: each read parses in strict mode (no
 * problem) and {@link ProcDrbdWriter} writes the model back byte for byte.
 */
@Tag("real-drbd")
class ProcDrbdStatesRealTest {
    private static final String R = RealDrbdPair.RESOURCE;

    private final List<String> seen = new ArrayList<>();
    private final Set<String> kinds = new LinkedHashSet<>();
    private RealDrbdPair pair;

    @Test
    void everyStateParsesStrictlyAndIsWrittenBackByteForByte() {
        try (RealDrbdPair p = RealPairs.start(RealDrbdPair.builder().backingSize(24L << 20))) {
            pair = p;
            pair.configureDrbd();
            capture("be1", "no device");
            RealPairs.run(pair, "be1", "drbdadm", "up", R);
            capture("be1", "Unconfigured");
            for (String host : pair.hosts()) {
                RealPairs.ok(pair, host, "drbdadm", "create-md", "--force", R);
            }
            RealPairs.ok(pair, "be1", "drbdadm", "up", R);
            capture("be1", "WFConnection");
            RealPairs.ok(pair, "be2", "drbdadm", "up", R);
            await("be1", d -> d.connectionState() == ConnectionState.CONNECTED);
            capture("be1", "Connected Inconsistent");
            for (String host : pair.hosts()) {
                RealPairs.ok(pair, host, "drbdadm", "disk-options", "--c-plan-ahead=0", "--resync-rate=2M", R);
            }
            RealPairs.ok(pair, "be1", "drbdadm", "primary", "--force", R);
            await("be2", d -> d.sync().isPresent() && d.connectionState() == ConnectionState.SYNC_TARGET);
            capture("be1", "SyncSource with progress");
            capture("be2", "SyncTarget with progress");
            RealPairs.ok(pair, "be1", "drbdadm", "pause-sync", R);
            await("be1", d -> d.connectionState() == ConnectionState.PAUSED_SYNC_S);
            capture("be1", "PausedSyncS");
            capture("be2", "PausedSyncT");
            RealPairs.ok(pair, "be1", "drbdadm", "resume-sync", R);
            await(
                    "be2",
                    d -> d.diskState().map(s -> s.label().equals("UpToDate")).orElse(false));
            capture("be1", "Connected UpToDate Primary");
            for (String host : pair.hosts()) {
                RealPairs.ok(pair, host, "drbdadm", "net-options", "--verify-alg=crc32c", R);
            }
            RealPairs.ok(pair, "be1", "drbdadm", "verify", R);
            await(
                    "be1",
                    d -> d.connectionState() == ConnectionState.VERIFY_S
                            && d.sync().isPresent());
            capture("be1", "VerifyS with progress");
            capture("be2", "VerifyT");
            RealPairs.ok(pair, "be1", "drbdadm", "disconnect", R);
            capture("be1", "StandAlone");
            // be2 keeps the verify-alg set at run time and be1 reconnects with the configuration's (none): the
            // kernel drops a connection whose peers differ in verify-alg, so both reconnect from the configuration.
            RealPairs.ok(pair, "be2", "drbdadm", "disconnect", R);
            RealPairs.ok(pair, "be2", "drbdadm", "connect", R);
            RealPairs.ok(pair, "be1", "drbdadm", "connect", R);
            await("be1", d -> d.connectionState() == ConnectionState.CONNECTED);
            RealPairs.ok(pair, "be2", "drbdadm", "detach", R);
            capture("be2", "Diskless");
            capture("be1", "peer Diskless");
            RealPairs.ok(pair, "be2", "drbdadm", "attach", R);
            await(
                    "be2",
                    d -> d.diskState().map(s -> s.label().equals("UpToDate")).orElse(false));
            // be1 learns that be2's resync ended a moment later; partitioned before that, be1 keeps showing the
            // peer's disk as Inconsistent once StandAlone (seen on 8.4.11: "ds:UpToDate/Inconsistent").
            await("be1", d -> d.peerDiskState()
                    .map(s -> s.label().equals("UpToDate"))
                    .orElse(false));
            pair.faults().partition();
            RealPairs.ok(pair, "be2", "drbdadm", "primary", R);
            pair.faults().heal();
            await("be1", d -> d.connectionState() == ConnectionState.STAND_ALONE);
            await("be2", d -> d.connectionState() == ConnectionState.STAND_ALONE);
            capture("be1", "StandAlone Primary (split brain)");
            capture("be2", "StandAlone Primary (split brain)");
        }
        System.out.println(String.join("\n", seen));
        assertThat(kinds)
                .contains(
                        "no device",
                        "Unconfigured",
                        "WFConnection",
                        "Connected Inconsistent",
                        "SyncSource with progress",
                        "SyncTarget with progress",
                        "PausedSyncS",
                        "PausedSyncT",
                        "Connected UpToDate Primary",
                        "VerifyS with progress",
                        "StandAlone",
                        "Diskless",
                        "StandAlone Primary (split brain)");
    }

    /** Reads the host's /proc/drbd, checks it and records what state it shows. */
    private void capture(String host, String kind) {
        byte[] bytes = pair.procDrbd(host);
        String text = new String(bytes, StandardCharsets.UTF_8);
        ProcDrbdStatus status = ProcDrbdParser.strict().parse(bytes);
        assertThat(status.problems()).as(text).isEmpty();
        assertThat(ProcDrbdWriter.write(status)).as("written back").isEqualTo(text);
        assertThat(describe(status)).as("%s shows %s:%n%s", host, kind, text).startsWith(expectedPrefix(kind));
        kinds.add(kind);
        seen.add("--- " + host + ": " + kind + "\n" + text);
    }

    private static String describe(ProcDrbdStatus status) {
        if (status.devices().isEmpty()) {
            return "no device";
        }
        DeviceStatus d = status.devices().get(0);
        return d.connectionState().label() + " " + d.role().map(r -> r.label()).orElse("-") + "/"
                + d.peerRole().map(r -> r.label()).orElse("-") + " "
                + d.diskState().map(s -> s.label()).orElse("-")
                + "/" + d.peerDiskState().map(s -> s.label()).orElse("-")
                + (d.sync().isPresent() ? " sync" : "");
    }

    private static String expectedPrefix(String kind) {
        return switch (kind) {
            case "no device" -> "no device";
            case "Unconfigured" -> "Unconfigured";
            case "WFConnection" -> "WFConnection Secondary/Unknown Inconsistent/DUnknown";
            case "Connected Inconsistent" -> "Connected Secondary/Secondary Inconsistent/Inconsistent";
            case "SyncSource with progress" -> "SyncSource Primary/Secondary UpToDate/Inconsistent sync";
            case "SyncTarget with progress" -> "SyncTarget Secondary/Primary Inconsistent/UpToDate sync";
            case "PausedSyncS" -> "PausedSyncS Primary/Secondary UpToDate/Inconsistent";
            case "PausedSyncT" -> "PausedSyncT Secondary/Primary Inconsistent/UpToDate";
            case "Connected UpToDate Primary" -> "Connected Primary/Secondary UpToDate/UpToDate";
            case "VerifyS with progress" -> "VerifyS Primary/Secondary UpToDate/UpToDate sync";
            case "VerifyT" -> "VerifyT Secondary/Primary UpToDate/UpToDate";
            case "StandAlone" -> "StandAlone Primary/Unknown UpToDate/DUnknown";
            case "Diskless" -> "Connected Secondary/Primary Diskless/UpToDate";
            case "peer Diskless" -> "Connected Primary/Secondary UpToDate/Diskless";
            case "StandAlone Primary (split brain)" -> "StandAlone Primary/Unknown UpToDate/DUnknown";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private void await(String host, Predicate<DeviceStatus> condition) {
        for (int i = 0; i < 240; i++) {
            ProcDrbdStatus s = ProcDrbdParser.strict().parse(pair.procDrbd(host));
            if (!s.devices().isEmpty() && condition.test(s.devices().get(0))) {
                return;
            }
            RealPairs.ok(pair, host, "sleep", "0.5");
        }
        throw new AssertionError(host + ": " + new String(pair.procDrbd(host), StandardCharsets.UTF_8));
    }
}
