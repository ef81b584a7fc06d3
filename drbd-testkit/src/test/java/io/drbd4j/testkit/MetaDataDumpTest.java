package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import org.junit.jupiter.api.Test;

/**
 * drbdmeta as a real DRBD 8.4.11 kernel with drbd-utils 9.22 answered it (real-drbd-testbed.md, "What the kernel did
 * that the simulator (as of 0.1.0) did not"): dump-md and apply-al around attach, crash and down.
 */
class MetaDataDumpTest {
    private static final String UNCLEAN = "Found meta data is \"unclean\", please apply-al first\n";

    @Test
    void dumpMdAfterACrashFindsUncleanMetaData() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.stop("be2");
        p.cluster.start("be2");
        CommandResult r = p.run("be2", "drbdadm", "dump-md", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText()).isEqualTo(UNCLEAN);
        assertThat(r.stdoutText()).isEmpty();
    }

    @Test
    void dumpMdAfterACleanDownFindsUncleanMetaDataUntilApplyAl() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        assertThat(p.run("be2", "drbdadm", "dump-md", "pc0").stderrText()).isEqualTo(UNCLEAN);
        CommandResult applied = p.ok("be2", "drbdadm", "apply-al", "pc0");
        assertThat(applied.stderrText()).isEmpty();
        CommandResult dumped = p.ok("be2", "drbdadm", "dump-md", "pc0");
        assertThat(dumped.stdoutText()).contains("version \"v08\";\n");
    }

    @Test
    void upAttachesUncleanMetaDataBecauseItAppliesTheActivityLogFirst() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    }

    @Test
    void freshlyCreatedMetaDataIsClean() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        assertThat(p.ok("be1", "drbdadm", "dump-md", "pc0").stderrText()).isEmpty();
    }

    @Test
    void dumpMdWhileUpFailsTheExclusiveOpenOfTheBackingDisk() {
        Pairs p = Pairs.of("8.4").upFresh();
        CommandResult r = p.run("be1", "drbdadm", "dump-md", "pc0");
        assertThat(r.exitCode()).isEqualTo(20);
        assertThat(r.stderrText())
                .startsWith("open(/dev/opscode/drbd) failed: Device or resource busy\n")
                .contains("\nExclusive open failed. Do it anyways?\n[need to type 'yes' to confirm] \n");
        assertThat(r.stdoutText()).isEqualTo("Operation canceled.\n");
    }

    @Test
    void dumpMdWithoutMetaDataExitsOneWithDrbdmetasLineOnly() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "dump-md", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText()).isEqualTo("No valid meta data found\n");
    }

    @Test
    void applyAlWithoutMetaDataExitsOne() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "apply-al", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText()).isEqualTo("No valid meta data found\n");
    }

    @Test
    void upWithoutMetaDataExitsOneAndLeavesTheMinorUnconfigured() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "up", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText()).isEqualTo("No valid meta data found\n");
        assertThat(p.state("be1")).isEqualTo("cs:Unconfigured");
    }

    @Test
    void upTwiceExitsOne() {
        Pairs p = Pairs.of("8.4").upFresh();
        assertThat(p.run("be1", "drbdadm", "up", "pc0").exitCode()).isEqualTo(1);
    }

    @Test
    void createMdOverMetaDataWithoutForceAsksOnStderrAndCancelsOnStdout() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        CommandResult r = p.run("be1", "drbdadm", "create-md", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdoutText()).isEqualTo("Operation cancelled.\n");
        assertThat(r.stderrText())
                .isEqualTo("You want me to create a v08 style flexible-size internal meta data block.\n"
                        + "There appears to be a v08 flexible-size internal meta data block\n"
                        + "already in place on /dev/opscode/drbd at byte offset 1073737728\n"
                        + "\n"
                        + "Do you really want to overwrite the existing meta-data?\n"
                        + "[need to type 'yes' to confirm] \n");
    }

    @Test
    void dumpMdOfFreshMetaDataHasDrbdmetasV08Layout() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        String out = p.ok("be1", "drbdadm", "dump-md", "pc0").stdoutText();
        assertThat(out)
                .matches(
                        "(?s)# DRBD meta data dump\n# \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 \\[\\d+\\]\n.*");
        assertThat(out.substring(out.indexOf('\n', out.indexOf('\n') + 1) + 1))
                .isEqualTo("# be1> drbdmeta 0 v08 /dev/opscode/drbd internal dump-md\n"
                        + "#\n"
                        + "\n"
                        + "version \"v08\";\n"
                        + "\n"
                        + "# md_size_sect 136\n"
                        + "# md_offset 1073737728\n"
                        + "# al_offset 1073704960\n"
                        + "# bm_offset 1073672192\n"
                        + "\n"
                        + "uuid {\n"
                        + "    0x0000000000000004; 0x0000000000000000; 0x0000000000000000; 0x0000000000000000;\n"
                        + "    flags 0x00000000;\n"
                        + "}\n"
                        + "# al-extents 257;\n"
                        + "la-size-sect 0;\n"
                        + "bm-byte-per-bit 4096;\n"
                        + "device-uuid 0x0000000000000000;\n"
                        + "la-peer-max-bio-size 0;\n"
                        + "al-stripes 1;\n"
                        + "al-stripe-size-4k 8;\n"
                        + "# bm-bytes 0;\n"
                        + "bm {\n"
                        + "}\n"
                        + "# bits-set 0;\n");
    }

    @Test
    void dumpMdAfterTheFirstAttachHasTheSizeAndTheFullBitmap() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        p.ok("be1", "drbdadm", "down", "pc0");
        p.ok("be1", "drbdadm", "apply-al", "pc0");
        String out = p.ok("be1", "drbdadm", "dump-md", "pc0").stdoutText();
        // 1 GiB less 136 sectors of internal meta data; 262,127 bits rounded up to 4,096 words of 64 bits
        assertThat(out)
                .contains("\nla-size-sect 2097016;\n")
                .contains("\n# al-extents 1237;\n")
                .contains("\n# bm-bytes 32768;\nbm {\n   # at 0kB\n    4092 times 0xFFFFFFFFFFFFFFFF;\n   "
                        + " 0xFFFFFFFFFFFFFFFF; 0xFFFFFFFFFFFFFFFF; 0xFFFFFFFFFFFFFFFF; 0x00007FFFFFFFFFFF;\n}\n")
                .contains("\n# bits-set 262127;\n");
    }
}
