package io.drbd4j.examples.cli;

import static io.drbd4j.examples.cli.DemoCommandTest.assertEndsHealthy;
import static io.drbd4j.examples.cli.DemoCommandTest.demo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drbd4j demo grow-volume} and {@code demo prepare-storage} on the test kit's LVM: each runs to a healthy pair
 * with no acknowledged write lost.
 */
class DemoStorageWorkflowsTest {
    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void growsTheSetUpPairOntoTheNewDiskToTwiceItsSize(String dialect) {
        List<String> lines = demo("demo", "grow-volume", "--dialect", dialect, "--size-gib", "1");

        assertThat(lines.get(0))
                .isEqualTo("grow-volume on a simulated pair be1/be2 (DRBD " + dialect + ", 1 GiB each) set up by"
                        + " failover-setup (run first, quietly), in simulated time: opscode/drbd has a quarter of its"
                        + " size free in its group; a blank /dev/sdc of 1 GiB on each backend");
        assertThat(lines.get(1))
                .isEqualTo("now: be1: Connected Primary/Secondary UpToDate/UpToDate, master;"
                        + " be2: Connected Secondary/Primary UpToDate/UpToDate, backup");
        assertThat(lines.get(2)).startsWith("both volumes grow to 2 GiB (2,147,483,648 bytes): pvcreate and vgextend");
        assertThat(lines.get(3)).matches("journal: .*/grow-volume\\.jsonl");
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "start check on be1",
                        "start pvcreate-primary on be1   [destroys data if run in the wrong state]",
                        "$ pvcreate /dev/sdc",
                        "$ vgextend opscode /dev/sdc",
                        "start pvcreate-secondary on be2   [destroys data if run in the wrong state]",
                        "start lvextend-primary on be1",
                        "$ lvextend -L 2147483648b opscode/drbd",
                        "start lvextend-secondary on be2",
                        "$ lvextend -L 2147483648b opscode/drbd",
                        "start resize on be1",
                        "$ drbdadm resize pc0",
                        "start wait-sync on be1",
                        "100.0%  left 0 KiB",
                        "start resize2fs on be1   [destroys data if run in the wrong state]",
                        "$ resize2fs /dev/drbd0",
                        "done  report on be1")
                .doesNotContain("skip ");
        int n = lines.size();
        // The journal's sizes: the volumes doubled on both, DRBD and be1's file system grown with them.
        assertThat(lines.get(n - 11))
                .startsWith("sizes before (journaled by sizes-before): be1: lv opscode/drbd 1073741824 B, drbd0 ")
                .contains("; be2: lv opscode/drbd 1073741824 B, drbd0 ");
        assertThat(lines.get(n - 10))
                .startsWith("sizes after (journaled by report): be1: lv opscode/drbd 2147483648 B, drbd0 ")
                .contains("; be2: lv opscode/drbd 2147483648 B, drbd0 ");
        long fsBefore = filesystemBytes(lines.get(n - 11));
        long fsAfter = filesystemBytes(lines.get(n - 10));
        assertThat(fsAfter).isGreaterThan(fsBefore + (900L << 20));
        assertEndsHealthy(lines, "grow-volume", "be1", "be2");
    }

    /** @return the bytes of {@code filesystem N B} in a sizes line */
    private static long filesystemBytes(String line) {
        String from = line.substring(line.indexOf("filesystem ") + "filesystem ".length());
        return Long.parseLong(from.substring(0, from.indexOf(' ')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void makesTheStorageOnTheBlankDisksThenPrepareAndFailoverSetupOnIt(String dialect) {
        List<String> lines = demo("demo", "prepare-storage", "--dialect", dialect, "--size-gib", "1");

        assertThat(lines.get(0))
                .isEqualTo("prepare-storage on two simulated backends be1/be2 (DRBD " + dialect + ") whose storage is"
                        + " not prepared: /dev/sdb blank on each (no partition, signature or physical volume), Chef's"
                        + " configuration written on be1, in simulated time");
        assertThat(lines.get(1)).isEqualTo("now: be1: /dev/drbd0 not configured; be2: /dev/drbd0 not configured");
        assertThat(lines).filteredOn(l -> l.startsWith("journal: ")).hasSize(3).allSatisfy(l -> assertThat(l)
                .matches("journal: .*/prepare-storage(-2|-3)?\\.jsonl"));
        assertThat(String.join("\n", lines))
                .containsSubsequence(
                        "prepare-storage: the storage under DRBD on /dev/sdb",
                        "start check-disks on be1",
                        "start pvcreate-primary on be1   [destroys data if run in the wrong state]",
                        "$ pvcreate /dev/sdb",
                        "$ vgcreate opscode /dev/sdb",
                        "$ lvcreate -y -n drbd -l 80%VG opscode",
                        "start pvcreate-secondary on be2   [destroys data if run in the wrong state]",
                        "done  check-sizes on be1",
                        "prepare: DRBD's meta data on opscode/drbd, the device up on both",
                        "$ drbdadm create-md pc0",
                        "done  up-secondary on be2",
                        "failover-setup: be1 master, be2 backup",
                        "done  wait-sync on be1",
                        "done  reconfigure-secondary on be2");
        assertEndsHealthy(lines, "prepare-storage", "be1", "be2");
    }
}
