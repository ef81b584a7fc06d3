package io.drbd4j.examples.cli;

import static io.drbd4j.examples.cli.DemoCommandTest.assertEndsHealthy;
import static io.drbd4j.examples.cli.DemoCommandTest.demo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code drbd4j demo both-secondary}: the evidence first, be1 (the newer copy) kept, the pair healthy at the end. */
class DemoBothSecondaryTest {
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void printsTheEvidenceKeepsTheNewerBe1AndEndsHealthyWithNoWriteLost(String dialect) {
        List<String> lines = demo("demo", "both-secondary", "--dialect", dialect, "--size-gib", "1");

        assertThat(lines.get(0))
                .isEqualTo("both-secondary on a simulated pair be1/be2 (DRBD " + dialect + ", 1 GiB each) set up by"
                        + " failover-setup (run first, quietly), in simulated time: the replication link was cut,"
                        + " keepalived stopped on be2, be1 took 4 writes of 16,384 KiB, then keepalived stopped on be1"
                        + " too");
        assertThat(lines.get(1))
                .isEqualTo("now: be1: WFConnection Secondary/Unknown UpToDate/DUnknown, backup;"
                        + " be2: WFConnection Secondary/Unknown UpToDate/DUnknown, backup");
        assertThat(lines.get(2))
                .isEqualTo("neither backend serves Chef; the evidence (both-secondary reads it, changes nothing):");
        // SecondaryEvidence.toText(), indented: be1 marked 4 x 16 MiB out of sync, be2 nothing, get-gi decides.
        assertThat(lines.get(3))
                .startsWith("  be1: WFConnection Secondary/Unknown UpToDate/DUnknown; oos 65536 KiB; get-gi ")
                .endsWith("; current_cluster_status backup; last 'Transitioned to master': Transitioned to master");
        assertThat(lines.get(4))
                .startsWith("  be2: WFConnection Secondary/Unknown UpToDate/DUnknown; oos 0 KiB; get-gi ")
                .endsWith("; current_cluster_status backup; last 'Transitioned to master': none in cluster.log");
        assertThat(lines.get(5)).isEqualTo("  be1 holds every write be2 has and more (be1 is newer)");
        assertThat(lines.get(6)).isEqualTo("  keep be1: it holds the newest writes");
        assertThat(lines.get(7))
                .isEqualTo("keeping be1, the newer copy: the link comes back first, then be1 is promoted and made"
                        + " master, be2 resyncs what it lacks and joins as backup; confirmed: "
                        + SetUpPairScenarios.BOTH_SECONDARY_CONFIRMATION);
        assertThat(lines.get(8)).matches("journal: .*/both-secondary\\.jsonl");
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "start assess on be1",
                        "done  assess on be1",
                        "start promote-keeper on be1",
                        "$ drbdadm primary pc0",
                        "start master-recover-keeper on be1",
                        "$ chef-server-ctl master-recover",
                        "start wait-sync on be1",
                        "100.0%  left 0 KiB",
                        "done  wait-sync on be1",
                        "start start-keepalived-keeper on be1",
                        "$ chef-server-ctl start keepalived",
                        "start start-keepalived-other on be2",
                        "done  start-keepalived-other on be2")
                .doesNotContain("destroys data")
                .doesNotContain("wipe-md")
                .doesNotContain("--force");
        assertEndsHealthy(lines, "both-secondary", "be1", "be2");
    }
}
