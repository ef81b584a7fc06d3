package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Builds the test pairs and runs commands on them. */
final class Pairs {
    static final long GIB = 1L << 30;

    /** The DRBD device of a 1 GiB backing disk: 1,048,576 KiB less 68 KiB of internal meta data. */
    static final long GIB_DEVICE_KIB = 1048508;

    final SimulatedDrbdCluster cluster;

    Pairs(SimulatedDrbdCluster cluster) {
        this.cluster = cluster;
    }

    /** @return a 1 GiB pair be1/be2, both of the dialect (8.4.11 or 8.3.16) */
    static Pairs of(String dialect) {
        return of(dialect, dialect.equals("8.3") ? "8.3.16" : "8.4.11", GIB);
    }

    static Pairs of(String dialect, String kernel, long size) {
        return new Pairs(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", dialect, kernel)
                .host("be2", "10.0.0.2", dialect, kernel)
                .backingSize(size)
                .seed(42)
                .build());
    }

    CommandResult run(String host, String... argv) {
        return cluster.runner(host).run(Command.of(Duration.ofSeconds(30), argv));
    }

    CommandResult ok(String host, String... argv) {
        CommandResult r = run(host, argv);
        assertThat(r.exitCode())
                .as("%s: %s -> %s\n%s", host, String.join(" ", argv), r, events())
                .isZero();
        return r;
    }

    DrbdNode node(String host) {
        return cluster.node(host);
    }

    /** create-md and up on both hosts: Connected Secondary/Secondary Inconsistent/Inconsistent. */
    Pairs upFresh() {
        for (String h : new String[] {"be1", "be2"}) {
            ok(h, "drbdadm", "create-md", "pc0");
            ok(h, "drbdadm", "up", "pc0");
        }
        return this;
    }

    /** From fresh: be1 forced Primary, synced to UpToDate/UpToDate. */
    Pairs synced() {
        upFresh();
        forcePrimary("be1");
        advanceUntil(() -> node("be2").disk().label().equals("UpToDate"), Duration.ofHours(1));
        return this;
    }

    /** {@code primary --force} in the host's dialect (8.3: {@code -- --overwrite-data-of-peer primary}). */
    CommandResult forcePrimary(String host) {
        return node(host).dialect().equals("8.3")
                ? ok(host, "drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0")
                : ok(host, "drbdadm", "primary", "--force", "pc0");
    }

    /** @return the /proc/drbd of a host, checked to parse strictly */
    String proc(String host) {
        String text = cluster.procDrbd(host);
        ProcDrbdStatus parsed = ProcDrbdParser.strict().parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.devices().size()).isLessThanOrEqualTo(1);
        return text;
    }

    /** @return the device line of a host, such as {@code cs:Connected ro:... C r-----} (minor prefix cut) */
    String state(String host) {
        String text = proc(host);
        for (String line : text.split("\n")) {
            if (line.startsWith(" 0: ")) {
                return line.substring(4);
            }
        }
        return "";
    }

    /** Advances time in 1 s steps until the condition holds, at most {@code limit}. */
    void advanceUntil(BooleanSupplier done, Duration limit) {
        Duration spent = Duration.ZERO;
        while (!done.getAsBoolean()) {
            assertThat(spent).as("timed out\n%s", events()).isLessThan(limit);
            cluster.time().advance(Duration.ofSeconds(1));
            spent = spent.plusSeconds(1);
            proc("be1");
            proc("be2");
        }
    }

    String events() {
        return String.join("\n", cluster.eventLog());
    }
}
