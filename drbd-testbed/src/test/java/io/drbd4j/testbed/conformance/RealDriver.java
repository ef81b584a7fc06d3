package io.drbd4j.testbed.conformance;

import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.core.proc.ProcDrbdWriter;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testbed.RealDrbdPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The corpus on the real pair. Between sequences both hosts are taken down and their backing disks zeroed, so each
 * sequence starts, as on a new simulated pair, from blank disks with no meta data.
 */
final class RealDriver extends PairDriver {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final RealDrbdPair pair;
    private final long backingBytes;
    private final List<String> roundTrips = new ArrayList<>();

    RealDriver(RealDrbdPair pair, long backingBytes) {
        this.pair = pair;
        this.backingBytes = backingBytes;
    }

    /** Brings both hosts back to blank disks, DRBD down, the link up. */
    void reset() {
        heal();
        for (String host : HOSTS) {
            if (proc(host).isEmpty()) {
                reboot(host);
            }
            run(host, List.of("drbdadm", "down", RealDrbdPair.RESOURCE));
            CommandResult zero = run(
                    host,
                    List.of(
                            "dd",
                            "if=/dev/zero",
                            "of=/dev/vda",
                            "bs=1M",
                            "count=" + (backingBytes >> 20),
                            "conv=fsync",
                            "status=none"));
            if (!zero.succeeded()) {
                throw new IllegalStateException(host + ": zeroing the backing disk failed: " + zero.stderrText());
            }
        }
    }

    @Override
    RealDrbdPair cluster() {
        return pair;
    }

    @Override
    CommandResult run(String host, List<String> argv) {
        return pair.runner(host).run(Command.of(TIMEOUT, argv));
    }

    /**
     * Every read of the kernel's /proc/drbd is also a status conformance check: it must parse in strict mode and
     * {@link ProcDrbdWriter} must give back the same bytes.
     */
    @Override
    byte[] procOf(String host) {
        byte[] bytes = pair.procDrbd(host);
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            String written = ProcDrbdWriter.write(ProcDrbdParser.strict().parse(bytes));
            if (!written.equals(text)) {
                roundTrips.add(host + ": written back as\n" + written + "instead of\n" + text);
            }
        } catch (RuntimeException e) {
            roundTrips.add(host + ": " + e.getMessage() + " in\n" + text);
        }
        return bytes;
    }

    /** @return the kernel reads that failed the strict parse or the write-back, with their text */
    List<String> roundTripFailures() {
        return List.copyOf(roundTrips);
    }

    /** Polls until two reads half a second apart show the same states (counters aside), for at most 15 s. */
    @Override
    void settle() {
        String last = "";
        for (int i = 0; i < 30; i++) {
            String now = states();
            if (now.equals(last)) {
                return;
            }
            last = now;
            tick();
        }
    }

    private String states() {
        StringBuilder b = new StringBuilder();
        observe(java.util.Optional.empty()).fields().forEach((k, v) -> {
            if (k.endsWith(".cs") || k.endsWith(".ro") || k.endsWith(".ds") || k.endsWith(".flags")) {
                b.append(k).append('=').append(v).append(' ');
            }
        });
        return b.toString();
    }

    @Override
    void tick() {
        try {
            pair.sleeper().sleep(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    int ticksPerSecond() {
        return 2;
    }

    @Override
    public void close() {
        pair.close();
    }

    static List<String> argv(String... words) {
        return Arrays.asList(words);
    }
}
