package io.drbd4j.examples.cli;

import static io.drbd4j.examples.cli.PlanBothSecondaryTest.step;
import static io.drbd4j.examples.cli.PlanBothSecondaryTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drbd4j plan grow-volume} and {@code plan prepare-storage}: the staged plans with their destructive steps
 * (pvcreate, resize2fs) and guards (G-DISK, the typed path, the Primary's DRBD device), and the options on hosts.
 */
class PlanStorageWorkflowsTest {
    /** Two backends on a port nobody answers on, in a given dialect: the plan must not need them. */
    private static final List<String> HOSTS =
            List.of("--dialect", "8.4", "--backend", "be1=127.0.0.1:1", "--backend", "be2=127.0.0.1:1");

    private static CliResult onHosts(String workflow, String... options) {
        List<String> args = new ArrayList<>(List.of("plan", workflow, "--json"));
        args.addAll(HOSTS);
        args.addAll(List.of(options));
        return CliResult.run(args.toArray(String[]::new));
    }

    private static void assertUsageError(CliResult result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("drbd4j plan: " + message + " (see 'drbd4j plan --help')\n");
    }

    @Test
    void plansTheGrowthOfTheStagedPairWithTheSizesInTheCheckNote() {
        CliResult result = CliResult.run("plan", "grow-volume");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("grow-volume of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains("    note:      grows opscode/drbd on both backends to 2147483648 bytes; now: be1: lv"
                        + " opscode/drbd 1073741824 B, drbd0 ")
                .contains(" 4. pvcreate-primary on be1   [DESTROYS DATA if run in the wrong state]\n"
                        + "    guard:     the wipe of /dev/sdc confirmed by typing its path; be1's /dev/sdc holds"
                        + " nothing (blkid: no signature or partition table; lsblk: no partition, volume or mount;"
                        + " pvs: no physical volume)\n"
                        + "    run:       pvcreate /dev/sdc\n")
                .contains("12. resize2fs on be1   [DESTROYS DATA if run in the wrong state]\n"
                        + "    guard:     be1 Primary with UpToDate data; /var/opt/opscode/drbd/data mounted on be1;"
                        + " be1's DRBD device as big as its backing volume less DRBD's meta data\n"
                        + "    run:       resize2fs /dev/drbd0\n");
        assertThat(result.out().split("\\[DESTROYS DATA", -1)).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void plansTheStagedGrowthAsJsonWithTheSameAbsoluteSizeOnBothAndResizeOnThePrimaryOnly(String dialect) {
        CliResult result = CliResult.run("plan", "grow-volume", "--json", "--dialect", dialect);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode plan = result.json();
        assertThat(plan.at("/workflow").asText()).isEqualTo("grow-volume");
        assertThat(plan.at("/dialects/be1").asText()).isEqualTo(dialect);
        assertThat(steps(plan))
                .containsExactly(
                        "check-identity on be1 ",
                        "check on be1 ",
                        "sizes-before on be1 ",
                        "pvcreate-primary on be1 DESTROYS pvcreate /dev/sdc",
                        "vgextend-primary on be1 vgextend opscode /dev/sdc",
                        "pvcreate-secondary on be2 DESTROYS pvcreate /dev/sdc",
                        "vgextend-secondary on be2 vgextend opscode /dev/sdc",
                        "lvextend-primary on be1 lvextend -L 2147483648b opscode/drbd",
                        "lvextend-secondary on be2 lvextend -L 2147483648b opscode/drbd",
                        "resize on be1 drbdadm resize pc0",
                        "wait-sync on be1 ",
                        "resize2fs on be1 DESTROYS resize2fs /dev/drbd0",
                        "report on be1 ");
        assertThat(step(plan, "resize").at("/guard").asText())
                .isEqualTo("be1 Connected Primary/Secondary UpToDate/UpToDate; be1's and be2's opscode/drbd of the"
                        + " same size; be1's opscode/drbd is at least 2147483648 bytes");
    }

    @Test
    void plansTheStorageOfTheStagedHostsWithGDiskAndTheTypedPathBeforeEachPvcreate() {
        CliResult result = CliResult.run("plan", "prepare-storage");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("prepare-storage of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains(" 2. check-disks on be1\n    guard:     the wipe of /dev/sdb confirmed by typing its path;"
                        + " be1's /dev/sdb holds nothing (blkid: no signature or partition table; lsblk: no"
                        + " partition, volume or mount; pvs: no physical volume), or already a physical volume of"
                        + " opscode or of none; be2's /dev/sdb holds nothing")
                .contains(" 3. pvcreate-primary on be1   [DESTROYS DATA if run in the wrong state]\n")
                .contains(" 6. pvcreate-secondary on be2   [DESTROYS DATA if run in the wrong state]\n")
                .contains("    run:       lvcreate -y -n drbd -l 80%VG opscode\n"
                        + "    note:      80 % of opscode, the rest kept for snapshots\n");
        assertThat(result.out().split("\\[DESTROYS DATA", -1)).hasSize(3);
    }

    @Test
    void plansTheStagedStorageAsJsonBe1First() {
        CliResult result = CliResult.run("plan", "prepare-storage", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(steps(result.json()))
                .containsExactly(
                        "check-identity on be1 ",
                        "check-disks on be1 ",
                        "pvcreate-primary on be1 DESTROYS pvcreate /dev/sdb",
                        "vgcreate-primary on be1 vgcreate opscode /dev/sdb",
                        "lvcreate-primary on be1 lvcreate -y -n drbd -l 80%VG opscode",
                        "pvcreate-secondary on be2 DESTROYS pvcreate /dev/sdb",
                        "vgcreate-secondary on be2 vgcreate opscode /dev/sdb",
                        "lvcreate-secondary on be2 lvcreate -y -n drbd -l 80%VG opscode",
                        "check-sizes on be1 ");
    }

    @Test
    void theHelpOfPlanAndRunDocumentsTheOptionsOfTheThreeWorkflows() {
        for (String command : List.of("plan", "run")) {
            CliResult result = CliResult.run(command, "--help");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out().replaceAll("\\s+", " "))
                    .contains("--wipe-other=TEXT both-secondary: wipe the other backend's meta data")
                    .contains("--size=SIZE grow-volume: the size both backing volumes grow to")
                    .contains("Bytes, or with K, M, G or T as binary units (20G is 20 GiB)")
                    .contains("--add-disk=DEVICE grow-volume: a new disk")
                    .contains("--disk=DEVICE prepare-storage: the dedicated disk on both backends")
                    .contains("--confirm-disk=DEVICE prepare-storage, grow-volume: the --disk or --add-disk path typed"
                            + " again")
                    .contains("--percent-of-group=N prepare-storage: the volume's share of the volume group")
                    .contains("--keep=NAME split-brain-recovery, both-secondary: the backend whose copy is kept");
        }
    }

    @Test
    void onHostsGrowVolumeTakesTheSizeWithABinaryUnitAndNoDiskByDefault() {
        CliResult result = onHosts("grow-volume", "--size", "30G");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(steps(result.json()))
                .contains("lvextend-primary on be1 lvextend -L 32212254720b opscode/drbd")
                .noneMatch(s -> s.contains("pvcreate") || s.contains("vgextend"));
    }

    @Test
    void onHostsGrowVolumeAddsTheConfirmedDisk() {
        CliResult result =
                onHosts("grow-volume", "--size", "32212254720", "--add-disk", "/dev/sdd", "--confirm-disk", "/dev/sdd");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(steps(result.json()))
                .containsSubsequence(
                        "pvcreate-primary on be1 DESTROYS pvcreate /dev/sdd",
                        "vgextend-primary on be1 vgextend opscode /dev/sdd",
                        "pvcreate-secondary on be2 DESTROYS pvcreate /dev/sdd",
                        "vgextend-secondary on be2 vgextend opscode /dev/sdd",
                        "lvextend-primary on be1 lvextend -L 32212254720b opscode/drbd");
    }

    @Test
    void onHostsGrowVolumeNeedsTheSize() {
        assertUsageError(
                onHosts("grow-volume"),
                "grow-volume on hosts needs --size SIZE (the size both backing volumes grow to)");
    }

    @Test
    void onHostsASizeThatIsNoWholeMebibyteIsAUsageError() {
        assertUsageError(
                onHosts("grow-volume", "--size", "1000K"),
                "a volume size of 1024000 bytes (expected: a positive multiple of 1 MiB, 1048576)");
    }

    @Test
    void onHostsPrepareStorageTakesTheDiskAndASize() {
        CliResult result =
                onHosts("prepare-storage", "--disk", "/dev/vdb", "--confirm-disk", "/dev/vdb", "--size", "20G");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(steps(result.json()))
                .contains(
                        "pvcreate-primary on be1 DESTROYS pvcreate /dev/vdb",
                        "vgcreate-secondary on be2 vgcreate opscode /dev/vdb",
                        "lvcreate-primary on be1 lvcreate -y -n drbd -L 21474836480b opscode");
    }

    @Test
    void onHostsPrepareStorageTakesAShareOfTheGroup() {
        CliResult result = onHosts(
                "prepare-storage", "--disk", "/dev/vdb", "--confirm-disk", "/dev/vdb", "--percent-of-group", "95");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(steps(result.json())).contains("lvcreate-secondary on be2 lvcreate -y -n drbd -l 95%VG opscode");
    }

    @Test
    void onHostsAMistypedConfirmationIsPlannedAndRefusedByTheGuardNotHere() {
        // The typed path is the workflow's own guard: the plan shows it, the run stops at check-disks.
        CliResult result = onHosts("prepare-storage", "--disk", "/dev/vdb", "--confirm-disk", "/dev/vdc");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(step(result.json(), "pvcreate-primary").at("/guard").asText())
                .startsWith("the wipe of /dev/vdb confirmed by typing its path; ");
    }

    @Test
    void onHostsPrepareStorageNeedsTheDiskAndItsConfirmation() {
        String message = "prepare-storage on hosts needs --disk DEVICE (the dedicated disk) and --confirm-disk DEVICE"
                + " (the same path typed again)";
        assertUsageError(onHosts("prepare-storage", "--disk", "/dev/vdb"), message);
        assertUsageError(onHosts("prepare-storage", "--confirm-disk", "/dev/vdb"), message);
    }

    @Test
    void onHostsADiskThatIsNoDevicePathIsAUsageError() {
        assertUsageError(
                onHosts("prepare-storage", "--disk", "sdb", "--confirm-disk", "sdb"),
                "a disk named sdb (expected: a device path such as /dev/sdb)");
    }

    @Test
    void onHostsAShareOutOfRangeIsAUsageError() {
        assertUsageError(
                onHosts(
                        "prepare-storage",
                        "--disk",
                        "/dev/vdb",
                        "--confirm-disk",
                        "/dev/vdb",
                        "--percent-of-group",
                        "0"),
                "a volume of 0 % of the group (expected: 1 to 100)");
    }
}
