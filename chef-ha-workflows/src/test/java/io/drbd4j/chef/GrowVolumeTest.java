package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.testkit.DiskContents;
import io.drbd4j.testkit.Scenarios;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * grow-volume (W11) on the simulated pair: both volumes grown to one absolute size, DRBD grown on the Primary with the
 * new area resynced, the filesystem grown on the Primary's DRBD device; and each guard tried.
 */
class GrowVolumeTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    /** The set-up pair (be1 master), 2 GiB volumes, the volume groups' free space a quarter of that, writes on be1. */
    private SimPair setUp(SimulatedDrbdCluster.Builder builder, String dialect) {
        SimPair pair = SimPair.of(Scenarios.freshPair(builder), dialect);
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        return pair;
    }

    private static long lvBytes(SimPair pair, String host) {
        String line = pair.ok(
                host, "lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_path,lv_size", "opscode/drbd");
        return Long.parseLong(line.split(" +")[1]);
    }

    private static long drbdBytes(SimPair pair, String host) {
        return Long.parseLong(pair.ok(host, "cat", "/sys/block/drbd0/size")) * 512;
    }

    private static long fsBytes(SimPair pair) {
        return fsBytes(pair, "be1");
    }

    private static long fsBytes(SimPair pair, String host) {
        String[] lines = pair.ok(host, "df", "-B1", "--output=size,used,avail", "/var/opt/opscode/drbd/data")
                .split("\n");
        return Long.parseLong(lines[1].strip().split(" +")[0]);
    }

    private static void assertHealthy(SimPair pair, List<Long> generations) {
        EndState end = EndState.of(pair);
        assertThat(end.hosts().get("be1"))
                .startsWith("be1: Connected Primary/Secondary UpToDate/UpToDate; mounted true; ready true;");
        assertThat(end.hosts().get("be2"))
                .startsWith("be2: Connected Secondary/Primary UpToDate/UpToDate; mounted false; ready true;");
        for (long generation : generations) {
            assertThat(pair.sim.holds("be1", generation)).isTrue();
            assertThat(pair.sim.holds("be2", generation)).isTrue();
        }
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void growsBothVolumesDrbdAndTheFilesystemAndJournalsTheSizes(String dialect) {
        SimPair pair = setUp(SimPair.builder(dialect), dialect);
        long written = pair.sim.write("be1", 64 << 10);
        long fsBefore = fsBytes(pair);
        long drbdBefore = drbdBytes(pair, "be1");
        SwitchoverTest.Steps steps = new SwitchoverTest.Steps();
        Journal journal = Journal.at(dir.resolve("grow.jsonl"));
        long target = 2 * GIB + GIB / 2;
        assertThat(GrowVolume.to(pair.cluster, target).workflow().plan().toText())
                .contains("now: be1: lv opscode/drbd " + 2 * GIB + " B, drbd0 " + drbdBefore + " B");

        GrowVolume.to(pair.cluster, target).workflow().run(steps, journal);

        assertThat(steps.started)
                .containsExactly(
                        "check",
                        "sizes-before",
                        "lvextend-primary",
                        "lvextend-secondary",
                        "resize",
                        "wait-sync",
                        "resize2fs",
                        "report");
        assertThat(lvBytes(pair, "be1")).isEqualTo(target);
        assertThat(lvBytes(pair, "be2")).isEqualTo(target);
        assertThat(drbdBytes(pair, "be1")).isGreaterThan(drbdBefore + GIB / 2 - (4L << 20));
        assertThat(drbdBytes(pair, "be2")).isEqualTo(drbdBytes(pair, "be1"));
        assertThat(fsBytes(pair)).isGreaterThan(fsBefore + GIB / 4);
        assertHealthy(pair, List.of(written));
        String before = journal.entries().stream()
                .filter(e -> e.step().equals(java.util.Optional.of("sizes-before")))
                .map(JournalEntry::toString)
                .findFirst()
                .orElseThrow();
        assertThat(before).contains("lv opscode/drbd " + 2 * GIB + " B");
        String after = journal.entries().stream()
                .filter(e -> e.step().equals(java.util.Optional.of("report")))
                .map(JournalEntry::toString)
                .findFirst()
                .orElseThrow();
        assertThat(after).contains("lv opscode/drbd " + target + " B").contains("filesystem ");
    }

    @Test
    void addsABlankDiskToBothGroupsFirstWhenAsked() {
        SimulatedDrbdCluster.Builder builder = SimPair.builder("8.4")
                .spareDisk("be1", "/dev/sdc", 2 * GIB, DiskContents.BLANK)
                .spareDisk("be2", "/dev/sdc", 2 * GIB, DiskContents.BLANK);
        SimPair pair = setUp(builder, "8.4");
        long written = pair.sim.write("be1", 64 << 10);
        SwitchoverTest.Steps steps = new SwitchoverTest.Steps();

        GrowVolume.to(pair.cluster, 4 * GIB)
                .addingDisk("/dev/sdc", "/dev/sdc")
                .workflow()
                .run(steps, Journal.at(dir.resolve("grow.jsonl")));

        assertThat(steps.started)
                .startsWith(
                        "check",
                        "sizes-before",
                        "pvcreate-primary",
                        "vgextend-primary",
                        "pvcreate-secondary",
                        "vgextend-secondary",
                        "lvextend-primary");
        assertThat(lvBytes(pair, "be1")).isEqualTo(4 * GIB);
        assertThat(lvBytes(pair, "be2")).isEqualTo(4 * GIB);
        assertHealthy(pair, List.of(written));
    }

    @Test
    void aVolumeAlreadyBiggerThanTheTargetIsRefusedBeforeEitherIsExtended() {
        SimPair pair = setUp(SimPair.builder("8.4"), "8.4");
        // someone grew be2's volume alone, by hand
        pair.ok("be2", "lvextend", "-L", (2 * GIB + GIB / 2) + "b", "opscode/drbd");
        Journal journal = Journal.at(dir.resolve("grow.jsonl"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class,
                () -> GrowVolume.to(pair.cluster, 2 * GIB + GIB / 4).workflow().run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).isEqualTo("be2: opscode/drbd is " + (2 * GIB + GIB / 2) + " bytes");
        assertThat(lvBytes(pair, "be1")).isEqualTo(2 * GIB);
        assertThat(journal.entries()).noneMatch(CrashHarness::startedAChange);
    }

    @Test
    void neverExtendsOneVolumeWhenTheOtherGroupLacksTheSpace() {
        SimulatedDrbdCluster.Builder builder =
                SimPair.builder("8.4").spareDisk("be1", "/dev/sdc", 2 * GIB, DiskContents.BLANK);
        SimPair pair = setUp(builder, "8.4");
        // be1's group has the space (its extra disk), be2's only its quarter
        pair.ok("be1", "pvcreate", "/dev/sdc");
        pair.ok("be1", "vgextend", "opscode", "/dev/sdc");
        Journal journal = Journal.at(dir.resolve("grow.jsonl"));

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class,
                () -> GrowVolume.to(pair.cluster, 3 * GIB).workflow().run(ProgressListener.none(), journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("lvextend-primary");
        assertThat(e.seen()).contains("be2: lv opscode/drbd " + 2 * GIB + " B; vg opscode ");
        assertThat(lvBytes(pair, "be1")).isEqualTo(2 * GIB);
        assertThat(lvBytes(pair, "be2")).isEqualTo(2 * GIB);
    }

    @Test
    void resize2fsIsRefusedWhenThePrimaryIsNoLongerTheOneNamed() {
        SimPair pair = setUp(SimPair.builder("8.4"), "8.4");
        // the master changes while the new area resyncs: be1 hands over to be2
        ProgressListener failover = new ProgressListener() {
            @Override
            public void stepFinished(PlannedStep step, Duration took) {
                if (step.id().equals("wait-sync")) {
                    pair.ok("be1", "chef-server-ctl", "stop", "keepalived");
                }
            }
        };
        Journal journal = Journal.at(dir.resolve("grow.jsonl"));
        long fsBefore = fsBytes(pair);

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class,
                () -> GrowVolume.to(pair.cluster, 2 * GIB + GIB / 2).workflow().run(failover, journal));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("resize2fs");
        assertThat(e.seen()).startsWith("be1: Connected Secondary/Primary");
        assertThat(journal.entries())
                .noneMatch(x ->
                        CrashHarness.startedAChange(x) && x.step().orElse("").equals("resize2fs"));
        assertThat(pair.sim.dataLossDetector().report()).isEmpty();
        // on be2, now Primary and mounted, the filesystem is still the old size: nothing ran on the wrong side
        assertThat(fsBytes(pair, "be2")).isEqualTo(fsBefore);
    }

    @Test
    void aSecondaryNamedAsThePrimaryIsRefusedAtCheck() {
        SimPair pair = setUp(SimPair.builder("8.4"), "8.4");
        SimPair wrong = SwitchoverTest.swapped(pair);

        WorkflowException e =
                catchThrowableOfType(WorkflowException.class, () -> GrowVolume.to(wrong.cluster, 2 * GIB + GIB / 2)
                        .workflow()
                        .run(ProgressListener.none(), Journal.at(dir.resolve("grow.jsonl"))));

        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).startsWith("be2: Connected Secondary/Primary");
        assertThat(lvBytes(pair, "be2")).isEqualTo(2 * GIB);
    }

    @Test
    void theBackingVolumeCannotBeNamedAsTheDeviceResize2fsGrows() {
        SimPair pair = setUp(SimPair.builder("8.4"), "8.4");

        assertThatThrownBy(() -> ChefHaCluster.builder()
                        .from(pair.cluster)
                        .device("/dev/opscode/drbd")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device \"/dev/opscode/drbd\" (expected: /dev/drbdN)");
        assertThat(GrowVolume.to(pair.cluster, 3 * GIB).workflow().plan().steps())
                .filteredOn(step -> step.id().equals("resize2fs"))
                .singleElement()
                .satisfies(step -> assertThat(step.commands())
                        .extracting(c -> String.join(" ", c.argv()))
                        .containsExactly("resize2fs /dev/drbd0"));
    }

    @Test
    void aDiskThatHoldsSomethingIsNotAdded() {
        SimulatedDrbdCluster.Builder builder = SimPair.builder("8.4")
                .spareDisk("be1", "/dev/sdc", 2 * GIB, DiskContents.BLANK)
                .spareDisk("be2", "/dev/sdc", 2 * GIB, DiskContents.LVM_PV);
        SimPair pair = setUp(builder, "8.4");
        Journal journal = Journal.at(dir.resolve("grow.jsonl"));

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> GrowVolume.to(pair.cluster, 3 * GIB)
                .addingDisk("/dev/sdc", "/dev/sdc")
                .workflow()
                .run(ProgressListener.none(), journal));

        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).startsWith("be2: /dev/sdc: ");
        assertThat(e.seen()).contains("physical volume");
        assertThat(pair.ok(
                        "be1",
                        "pvs",
                        "--noheadings",
                        "--units",
                        "b",
                        "--nosuffix",
                        "-o",
                        "pv_name,vg_name,pv_size,pv_free"))
                .doesNotContain("/dev/sdc");
        assertThatThrownBy(() -> GrowVolume.to(pair.cluster, 3 * GIB + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a positive multiple of 1 MiB");
    }

    @Test
    void aMistypedDeviceIsRefused() {
        SimulatedDrbdCluster.Builder builder = SimPair.builder("8.4")
                .spareDisk("be1", "/dev/sdc", 2 * GIB, DiskContents.BLANK)
                .spareDisk("be2", "/dev/sdc", 2 * GIB, DiskContents.BLANK);
        SimPair pair = setUp(builder, "8.4");

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> GrowVolume.to(pair.cluster, 3 * GIB)
                .addingDisk("/dev/sdc", "/dev/sdb")
                .workflow()
                .run(ProgressListener.none(), Journal.at(dir.resolve("grow.jsonl"))));

        assertThat(e.step()).isEqualTo("check");
        assertThat(e.seen()).isEqualTo("the confirmation typed \"/dev/sdb\", not /dev/sdc");
    }
}
