package io.drbd4j.testbed;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * An application inside the pair: {@code drbd4j-writer} appends numbered records to a file on the DRBD mount of the
 * Primary, each fsync'd before its number is acknowledged in a file outside DRBD (on the VM's own disk, fsync'd as
 * well). After a workflow, {@link #missing} lists the acknowledged records that the surviving copy lacks: any is an
 * acknowledged write lost.
 */
public final class RecordWriter {
    /** The records, on Chef's DRBD mount. */
    public static final String RECORDS = "/var/opt/opscode/drbd/data/drbd4j-records";

    /** The acknowledgements, on the VM's persistent disk (mounted at /persist, outside DRBD). */
    public static final String ACKS = "/persist/drbd4j-acks";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RealDrbdPair pair;

    RecordWriter(RealDrbdPair pair) {
        this.pair = pair;
    }

    /**
     * Starts the writer in the background on a host that has the DRBD device mounted.
     *
     * @param host the Primary
     * @param interval the pause between two records
     */
    public void start(String host, Duration interval) {
        String seconds = String.format(java.util.Locale.ROOT, "%.3f", interval.toMillis() / 1000.0);
        check(
                host,
                pair.runner(host).run(Command.of(TIMEOUT, "drbd4j-writer", "--background", RECORDS, ACKS, seconds)));
    }

    /**
     * Stops the writer on a running host (if it runs there).
     *
     * @param host a host
     */
    public void stop(String host) {
        pair.runner(host).run(Command.of(TIMEOUT, "killall", "-q", "drbd4j-writer"));
    }

    /**
     * Returns the records it acknowledged.
     *
     * @param host where the writer ran; read over ssh while the host runs, from its disk image when it is off
     * @return the records it acknowledged
     */
    public TreeSet<Long> acknowledged(String host) {
        String text;
        if (pair.vms().lastVm(host).isRunning()) {
            CommandResult r = pair.runner(host).run(Command.of(TIMEOUT, "cat", ACKS));
            text = r.succeeded() ? r.stdoutText() : "";
        } else {
            // debugfs reads the ext4 image without mounting it: the host is off for good.
            CommandRunner local = CommonsExecRunner.create();
            CommandResult r = local.run(Command.of(
                    TIMEOUT,
                    "debugfs",
                    "-R",
                    "cat /" + ACKS.substring("/persist/".length()),
                    pair.vms().lastVm(host).persistentDisk().toString()));
            check(host, r);
            text = r.stdoutText();
        }
        TreeSet<Long> acks = new TreeSet<>();
        text.lines().map(String::strip).filter(l -> l.matches("\\d+")).forEach(l -> acks.add(Long.parseLong(l)));
        return acks;
    }

    /**
     * Returns the records its copy holds.
     *
     * @param host a running host with the DRBD device mounted (the surviving Primary)
     * @return the records its copy holds
     */
    public TreeSet<Long> records(String host) {
        CommandResult r = pair.runner(host).run(Command.of(TIMEOUT, "cat", RECORDS));
        check(host, r);
        TreeSet<Long> records = new TreeSet<>();
        r.stdoutText()
                .lines()
                .filter(l -> l.startsWith("record "))
                .forEach(l -> records.add(
                        Long.parseLong(l.substring("record ".length()).strip())));
        return records;
    }

    /**
     * Returns the acknowledged records that the survivor's copy lacks, in order; empty when no acknowledged write was
     * lost.
     *
     * @param writerHost where the writer ran (running or not)
     * @param survivor the Primary whose copy is checked
     * @return the acknowledged records that the survivor's copy lacks, in order; empty when no acknowledged write
     *     was lost
     */
    public List<Long> missing(String writerHost, String survivor) {
        // Acknowledgements first: the writer may go on, and a record acknowledged after the records were read is
        // not missing.
        TreeSet<Long> acknowledged = acknowledged(writerHost);
        TreeSet<Long> records = records(survivor);
        List<Long> missing = new ArrayList<>();
        for (long n : acknowledged) {
            if (!records.contains(n)) {
                missing.add(n);
            }
        }
        return missing;
    }

    /**
     * Returns the last acknowledged record, if any.
     *
     * @param host where the writer ran
     * @return the last acknowledged record, if any
     */
    public OptionalLong lastAcknowledged(String host) {
        TreeSet<Long> acks = acknowledged(host);
        return acks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(acks.last());
    }

    private static void check(String host, CommandResult r) {
        if (!r.succeeded()) {
            throw new IllegalStateException(host + ": " + r.command() + " exited " + r.exitCode() + ": "
                    + r.stderrText().strip());
        }
    }
}
