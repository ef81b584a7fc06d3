package io.drbd4j.chef;

import static io.drbd4j.chef.GuardRig.READY;
import static io.drbd4j.chef.GuardRig.events;
import static io.drbd4j.chef.GuardRig.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.chef.GuardRig.Rig;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every guard of {@link Prepare} (chef-ha-procedures.md W1 1.5-1.9, §5 G-MD): each test stages one unsafe state on
 * the simulated pair, runs the workflow, and proves the step was refused (or, where the outcome check covers the
 * guard, skipped) and that nothing of it ran.
 */
class PrepareGuardsTest {
    static final String CHEF_SERVER_RB = "/etc/opscode/chef-server.rb";
    static final String SECRETS = "/etc/opscode/private-chef-secrets.json";

    @TempDir
    Path dir;

    /** @return two blank backends, the Chef configuration written on be1 as reconfigure would leave it */
    static Rig blankPair(String dialect) {
        Rig rig = Rig.of(SimPair.builder(dialect).build(), dialect);
        rig.write("be1", CHEF_SERVER_RB, "topology \"ha\"\n");
        rig.write("be1", SECRETS, "{\"drbd\":{\"shared_secret\":\"s3cret\"}}\n");
        return rig;
    }

    // ---- render-config ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesRenderConfigWhenReadyExistsOnBootstrap(String dialect) {
        Rig rig = blankPair(dialect);
        rig.sh("be1", "touch", READY);
        EndState before = rig.endState();

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        rig.assertRefused(e, "render-config-primary", "be1", READY + " present on be1", "drbd_ready absent on be1");
        assertThat(rig.endState()).isEqualTo(before);
        assertThat(rig.be1.ran).noneMatch(line -> line.contains("create-md") || line.contains("reconfigure"));
    }

    @Test
    void refusesRenderConfigOnSecondaryWhenReadyExistsThere() {
        Rig rig = blankPair("8.4");
        rig.sh("be2", "touch", READY);

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        rig.assertRefused(e, "render-config-secondary", "be2", READY + " present on be2", "drbd_ready absent on be2");
        assertThat(rig.be2.ran).noneMatch(line -> line.contains("create-md") || line.contains("reconfigure"));
        assertThat(rig.sim.procDrbd("be2")).doesNotContain(" 0: cs:");
    }

    // ---- create-md (G-MD) ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void skipsCreateMdWhereMetaDataExists(String dialect) {
        // The guard "dump-md finds no valid meta data" can never refuse: it is the negation of the step's outcome,
        // so meta data on the disk makes the step skip. Proven here: create-md never reaches be1.
        Rig rig = blankPair(dialect);
        rig.sh("be1", "drbdadm", "create-md", "pc0");
        Journal journal = Journal.at(dir.resolve("j"));

        Prepare.workflow(rig.cluster).run(ProgressListener.none(), journal);

        assertThat(events(journal, "create-md-primary")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(last(journal).event()).isEqualTo(JournalEntry.Event.COMPLETED);
        assertThat(rig.be1.ran).doesNotContainAnyElementsOf(rig.stepLines("create-md-primary"));
        assertThat(rig.sim.dataLossDetector().violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void neverRecreatesMetaDataOnDisksHoldingData(String dialect) {
        SimulatedDrbdCluster sim = Scenarios.syncedPairWithWriter(SimPair.builder(dialect), 64);
        sim.time().advance(Duration.ofSeconds(10));
        sim.stopWriter();
        long lastWrite = sim.dataLossDetector().acknowledgedWrites();
        Rig rig = Rig.of(sim, dialect);
        rig.write("be1", CHEF_SERVER_RB, "topology \"ha\"\n");
        rig.write("be1", SECRETS, "{}\n");
        rig.sh("be1", "drbdadm", "secondary", "pc0");
        rig.sh("be1", "drbdadm", "down", "pc0");
        rig.sh("be2", "drbdadm", "down", "pc0");

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        // Both disks keep their meta data and data: create-md is skipped on both; the pair comes up UpToDate, which
        // is not the fresh pair Prepare waits for, so the run stops there.
        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.TIMED_OUT);
        assertThat(e.step()).isEqualTo("up-secondary");
        assertThat(events(rig.journal, "create-md-primary")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(events(rig.journal, "create-md-secondary")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(rig.be1.ran).noneMatch(line -> line.contains("create-md"));
        assertThat(rig.be2.ran).noneMatch(line -> line.contains("create-md"));
        assertThat(lastWrite).isPositive();
        assertThat(sim.holds("be1", lastWrite)).isTrue();
        assertThat(sim.holds("be2", lastWrite)).isTrue();
        assertThat(sim.dataLossDetector().report()).isEmpty();
    }

    @Test
    void stopsWithStateUnknownWhenDumpMdCannotTell() {
        Rig rig = blankPair("8.4");
        rig.be1.answer(
                line -> line.startsWith("drbdadm") && line.contains("dump-md"),
                c -> CommandResult.of(c, 20, "", "open(/dev/opscode/drbd) failed: Input/output error\n"));
        Journal journal = Journal.at(dir.resolve("j"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> Prepare.workflow(rig.cluster).run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STATE_UNKNOWN);
        assertThat(e.step()).isEqualTo("create-md-primary");
        assertThat(e.host()).contains("be1");
        assertThat(e.seen()).startsWith("cannot tell whether be1 has DRBD meta data");
        assertThat(e.getMessage()).contains("state unknown", "What to do", "nothing of this step ran");
        assertThat(last(journal).event()).isEqualTo(JournalEntry.Event.FAILED);
        assertThat(last(journal).step()).contains("create-md-primary");
        assertThat(rig.be1.ran).doesNotContainAnyElementsOf(rig.stepLines("create-md-primary"));
    }

    @Test
    void aDrbdmetaFailureStopsWithDrbdmetasExitClassAndAdviceAboutTheDisk() {
        Rig rig = blankPair("8.4");
        rig.be1.answer(
                line -> line.startsWith("drbdadm") && line.contains("dump-md"),
                c -> CommandResult.of(c, 1, "", "pread(4,...,4096,1073737728) failed: Input/output error\n"));

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.STATE_UNKNOWN);
        assertThat(e.step()).isEqualTo("create-md-primary");
        assertThat(e.seen()).contains("exit 1 (DRBDMETA_FAILED)").doesNotContain("USAGE");
        assertThat(e.advice()).contains("drbdmeta").doesNotContain("reachable").endsWith("nothing of this step ran");
        assertThat(rig.be1.ran).doesNotContainAnyElementsOf(rig.stepLines("create-md-primary"));
    }

    @Test
    void skipsCreateMdWhereDumpMdFindsUncleanMetaData() {
        Rig rig = blankPair("8.4");
        rig.sh("be1", "drbdadm", "create-md", "pc0");
        rig.be1.answer(
                line -> line.startsWith("drbdadm") && line.contains("dump-md"),
                c -> CommandResult.of(c, 1, "", "Found meta data is \"unclean\", please apply-al first\n"));
        Journal journal = Journal.at(dir.resolve("j"));

        Prepare.workflow(rig.cluster).run(ProgressListener.none(), journal);

        assertThat(events(journal, "create-md-primary")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(last(journal).event()).isEqualTo(JournalEntry.Event.COMPLETED);
    }

    @Test
    void skipsCreateMdWhereTheBackingDiskIsInUse() {
        Rig rig = blankPair("8.4");
        rig.sh("be1", "drbdadm", "create-md", "pc0");
        rig.be1.answer(
                line -> line.startsWith("drbdadm") && line.contains("dump-md"),
                c -> CommandResult.of(
                        c,
                        20,
                        "Operation canceled.\n",
                        "open(/dev/opscode/drbd) failed: Device or resource busy\n\n"
                                + "Exclusive open failed. Do it anyways?\n[need to type 'yes' to confirm] \n"));
        Journal journal = Journal.at(dir.resolve("j"));

        Prepare.workflow(rig.cluster).run(ProgressListener.none(), journal);

        assertThat(events(journal, "create-md-primary")).containsExactly(JournalEntry.Event.SKIPPED);
        assertThat(last(journal).event()).isEqualTo(JournalEntry.Event.COMPLETED);
        assertThat(rig.be1.ran).doesNotContainAnyElementsOf(rig.stepLines("create-md-primary"));
    }

    // ---- up ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesUpWithoutMetaData(String dialect) {
        Rig rig = blankPair(dialect);
        // A create-md that reports success without writing meta data.
        String createMd = rig.stepLines("create-md-primary").get(0);
        rig.be1.answer(line -> line.equals(createMd), c -> CommandResult.of(c, 0, "", ""));

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        rig.assertRefused(e, "up-primary", "be1", "no valid meta data on be1", "valid DRBD meta data on be1 (dump-md)");
        assertThat(rig.sim.procDrbd("be1")).doesNotContain(" 0: cs:");
    }

    // ---- copy-config ----

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void refusesCopyConfigWhenSecretsAreMissingOnBootstrap(String dialect) {
        Rig rig = Rig.of(SimPair.builder(dialect).build(), dialect);
        rig.write("be1", CHEF_SERVER_RB, "topology \"ha\"\n");

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        rig.assertRefused(
                e,
                "copy-config",
                "be2",
                SECRETS + " absent on be1",
                CHEF_SERVER_RB + ", " + SECRETS + " present on be1");
        assertThat(rig.raw("be2", "test", "-e", CHEF_SERVER_RB).exitCode()).isEqualTo(1);
        assertThat(rig.be2.ran).noneMatch(line -> line.startsWith("tee") || line.startsWith("touch"));
    }

    @Test
    void refusesCopyConfigWhenNoConfigurationWasWrittenOnBootstrap() {
        Rig rig = Rig.of(SimPair.builder("8.4").build(), "8.4");

        WorkflowException e = rig.run(Prepare.workflow(rig.cluster), dir);

        rig.assertRefused(
                e,
                "copy-config",
                "be2",
                CHEF_SERVER_RB + " absent on be1",
                CHEF_SERVER_RB + ", " + SECRETS + " present on be1");
        assertThat(rig.raw("be2", "test", "-e", "/etc/opscode/chef-server.rb").exitCode())
                .isEqualTo(1);
    }
}
