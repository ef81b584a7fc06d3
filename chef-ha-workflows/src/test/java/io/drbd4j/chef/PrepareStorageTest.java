package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.testkit.DiskContents;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * prepare-storage (W1.1) on two simulated backends whose storage is not prepared: pvcreate, vgcreate and lvcreate on
 * each, then prepare; and G-DISK with the typed device path tried with each kind of disk that holds something.
 */
class PrepareStorageTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private static String lvs(SimPair pair, String host) {
        return pair.ok(
                host, "lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_path,lv_size", "opscode/drbd");
    }

    private static String pvs(SimPair pair, String host) {
        return pair.ok(
                host, "pvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "pv_name,vg_name,pv_size,pv_free");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void makesTheVolumeOnBothBlankDisksAndPrepareThenTakesOver(String dialect) {
        SimPair pair = SimPair.of(SimPair.builder(dialect).unpreparedStorage().build(), dialect);
        PrepareTest.seedConfig(pair);
        List<String> started = new ArrayList<>();
        ProgressListener steps = new ProgressListener() {
            @Override
            public void stepStarted(PlannedStep step) {
                if (!step.id().equals(SharedSteps.CHECK_IDENTITY)) {
                    started.add(step.id());
                }
            }
        };

        PrepareStorage.on(pair.cluster, "/dev/sdb", "/dev/sdb")
                .workflow()
                .run(steps, Journal.at(dir.resolve("storage.jsonl")));

        assertThat(started)
                .containsExactly(
                        "check-disks",
                        "pvcreate-primary",
                        "vgcreate-primary",
                        "lvcreate-primary",
                        "pvcreate-secondary",
                        "vgcreate-secondary",
                        "lvcreate-secondary",
                        "check-sizes");
        // 80 % of the group: the volume the builder's 2 GiB backing size names
        assertThat(lvs(pair, "be1")).isEqualTo("/dev/opscode/drbd " + 2 * GIB);
        assertThat(lvs(pair, "be2")).isEqualTo("/dev/opscode/drbd " + 2 * GIB);

        Prepare.workflow(pair.cluster).run(ProgressListener.none(), Journal.at(dir.resolve("prepare.jsonl")));

        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be1")).startsWith("be1: Connected Secondary/Secondary Inconsistent/Inconsistent");
        assertThat(end.hosts().get("be2")).startsWith("be2: Connected Secondary/Secondary Inconsistent/Inconsistent");
    }

    @Test
    void aResumedRunSkipsWhatTookEffect() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").unpreparedStorage().build(), "8.4");
        pair.ok("be1", "pvcreate", "/dev/sdb");
        pair.ok("be1", "vgcreate", "opscode", "/dev/sdb");
        List<String> started = new ArrayList<>();

        PrepareStorage.on(pair.cluster, "/dev/sdb", "/dev/sdb")
                .workflow()
                .run(
                        new ProgressListener() {
                            @Override
                            public void stepStarted(PlannedStep step) {
                                started.add(step.id());
                            }
                        },
                        Journal.at(dir.resolve("storage.jsonl")));

        assertThat(started)
                .doesNotContain("pvcreate-primary", "vgcreate-primary")
                .contains("lvcreate-primary");
        assertThat(lvs(pair, "be2")).isEqualTo(lvs(pair, "be1"));
    }

    @ParameterizedTest
    @EnumSource(
            value = DiskContents.class,
            names = {"EXT4", "PARTITIONED", "LVM_PV"})
    void aDiskThatHoldsSomethingIsRefusedBeforeEitherBackendIsWiped(DiskContents contents) {
        SimulatedDrbdCluster sim = SimPair.builder("8.4")
                .unpreparedStorage()
                .spareDisk("be1", "/dev/sdc", 3 * GIB, DiskContents.BLANK)
                .spareDisk("be2", "/dev/sdc", 3 * GIB, contents)
                .build();
        SimPair pair = SimPair.of(sim, "8.4");
        Journal journal = Journal.at(dir.resolve("storage.jsonl"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> PrepareStorage.on(pair.cluster, "/dev/sdc", "/dev/sdc")
                        .workflow()
                        .run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check-disks");
        String expected =
                switch (contents) {
                    case EXT4 -> "be2: /dev/sdc: TYPE=ext4";
                    case PARTITIONED -> "be2: /dev/sdc: PTTYPE=dos; holds sdc1 part";
                    default -> "be2: /dev/sdc: TYPE=LVM2_member";
                };
        assertThat(e.seen()).startsWith(expected);
        assertThat(e.advice()).contains("name a dedicated, empty disk");
        assertThat(pvs(pair, "be1")).doesNotContain("/dev/sdc");
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
    }

    @Test
    void aMountedDiskIsRefused() {
        SimulatedDrbdCluster sim = SimPair.builder("8.4")
                .unpreparedStorage()
                .spareDisk("be1", "/dev/sdc", 3 * GIB, DiskContents.BLANK)
                .spareDisk("be2", "/dev/sdc", 3 * GIB, DiskContents.EXT4, "/srv/backup")
                .build();
        SimPair pair = SimPair.of(sim, "8.4");

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> PrepareStorage.on(pair.cluster, "/dev/sdc", "/dev/sdc")
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("storage.jsonl"))));

        assertThat(e.step()).isEqualTo("check-disks");
        assertThat(e.seen()).isEqualTo("be2: /dev/sdc: TYPE=ext4; mounted on /srv/backup");
    }

    @Test
    void theTypedPathMustBeTheDisk() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").unpreparedStorage().build(), "8.4");

        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> PrepareStorage.on(pair.cluster, "/dev/sdb", "sdb")
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("storage.jsonl"))));

        assertThat(e.step()).isEqualTo("check-disks");
        assertThat(e.seen()).isEqualTo("the confirmation typed \"sdb\", not /dev/sdb");
        assertThat(pvs(pair, "be1")).isEmpty();
        assertThatThrownBy(() -> PrepareStorage.on(pair.cluster, "sdb", "sdb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a disk named sdb (expected: a device path such as /dev/sdb)");
    }

    @Test
    void pvcreatesOwnGuardHoldsEvenWhenTheCheckPassedBefore() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").unpreparedStorage().build(), "8.4");
        // between the check and be2's pvcreate, someone makes a filesystem on be2's disk
        ProgressListener meddler = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("lvcreate-primary")) {
                    pair.ok("be2", "mkfs.ext4", "-q", "/dev/sdb");
                }
            }
        };

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> PrepareStorage.on(pair.cluster, "/dev/sdb", "/dev/sdb")
                        .workflow()
                        .run(meddler, Journal.at(dir.resolve("storage.jsonl"))));

        assertThat(e.step()).isEqualTo("pvcreate-secondary");
        assertThat(e.seen()).isEqualTo("be2: /dev/sdb: TYPE=ext4");
        assertThat(pair.ok("be2", "blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/sdb"))
                .isEqualTo("ext4");
    }
}
