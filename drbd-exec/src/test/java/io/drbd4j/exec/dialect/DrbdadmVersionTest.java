package io.drbd4j.exec.dialect;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code drbdadm --version}: shell assignments with {@code \ }-escaped values (every drbdadm since 8.3.2), or the
 * usage text's {@code Version: 8.3.1 (api:88)} for older ones (spec drbd-commands.md §4c, §4d).
 */
class DrbdadmVersionTest {
    private static final String BUILD_TAG =
            "GIT-hash: 409097fe02187f83790b88ac3e0d94f3c167adab reproducible build, 2023-01-09 14:51:18";

    @Test
    void theDrbd9WrapperWithoutAModuleSaysApiTwoAndKernelZero() {
        DrbdadmVersion v = DrbdadmVersion.parse(Recorded.text("version/drbdadm-9.22.0-no-module.txt"));

        assertThat(v.api()).hasValue(2);
        assertThat(v.userlandVersion()).hasValue("9.22.0");
        assertThat(v.kernelVersionCode()).hasValue(0);
        assertThat(v.kernelVersion()).isEmpty();
        assertThat(v.values())
                .containsExactly(
                        entry("DRBDADM_BUILDTAG", BUILD_TAG),
                        entry("DRBDADM_API_VERSION", "2"),
                        entry("DRBD_KERNEL_VERSION_CODE", "0x000000"),
                        entry("DRBD_KERNEL_VERSION", "0"),
                        entry("DRBDADM_VERSION_CODE", "0x091600"),
                        entry("DRBDADM_VERSION", "9.22.0"));
    }

    @Test
    void drbdadm84SaysApiOneAndHasNoKernelVersionLine() {
        DrbdadmVersion v = DrbdadmVersion.parse(Recorded.text("version/drbdadm-84-9.22.0.txt"));

        assertThat(v.api()).hasValue(1);
        assertThat(v.values()).containsEntry("DRBDADM_BUILDTAG", BUILD_TAG).doesNotContainKey("DRBD_KERNEL_VERSION");
        assertThat(v.kernelVersionCode()).hasValue(0);
        assertThat(v.userlandVersion()).hasValue("9.22.0");
    }

    @Test
    void drbdadm83SaysApiEightyEight() {
        DrbdadmVersion v = DrbdadmVersion.parse(Recorded.text("version/drbdadm-83-9.22.0.txt"));

        assertThat(v.api()).hasValue(88);
        assertThat(v.values()).containsEntry("DRBDADM_BUILDTAG", BUILD_TAG);
    }

    @Test
    void aDrbd9ModuleShowsInTheKernelVersionCode() {
        DrbdadmVersion v = DrbdadmVersion.parse(Recorded.text("version/drbdadm-9.22.0-kernel-9.2.3.txt"));

        assertThat(v.kernelVersionCode()).hasValue(0x090203);
        assertThat(v.kernelVersion()).hasValue("9.2.3");
        assertThat(v.values()).containsEntry("DRBD_KERNEL_VERSION", "9.2.3");
    }

    @Test
    void kernelCode0x08040bIsEightFourEleven() {
        // Debian 11 and Fedora 34 with the in-tree module (LINBIT/drbd#10, spec §4a).
        String text = Recorded.text("version/drbdadm-84-9.22.0.txt")
                .replace("DRBD_KERNEL_VERSION_CODE=0x000000", "DRBD_KERNEL_VERSION_CODE=0x08040b");

        DrbdadmVersion v = DrbdadmVersion.parse(text);

        assertThat(v.kernelVersionCode()).hasValue(0x08040b);
        assertThat(v.kernelVersion()).hasValue("8.4.11");
    }

    @Test
    void aPre832UsageTextGivesApiAndVersionFromItsLastLines() {
        DrbdadmVersion v = DrbdadmVersion.parse(Recorded.text("version/drbdadm-8.3.1-usage.txt"));

        assertThat(v.api()).hasValue(88);
        assertThat(v.userlandVersion()).hasValue("8.3.1");
        assertThat(v.kernelVersionCode()).isEmpty();
    }

    @Test
    void theUsageOfTodaysHelpersNamesTheirApiToo() {
        DrbdadmVersion v = DrbdadmVersion.parse(Recorded.text("version/drbdadm-83-9.22.0-usage.txt"));

        assertThat(v.api()).hasValue(88);
        assertThat(v.userlandVersion()).hasValue("9.22.0");
    }

    @Test
    void everyBackslashEscapeIsUndoneOnce() {
        // drbdadm escapes with a backslash; an escaped backslash stays one backslash.
        DrbdadmVersion v = DrbdadmVersion.parse("DRBDADM_BUILDTAG=a\\ b\\,c\\\\d\\\\\\ e\nDRBDADM_API_VERSION=1\n");

        assertThat(v.values()).containsEntry("DRBDADM_BUILDTAG", "a b,c\\d\\ e");
    }

    @Test
    void garbageGivesNothing() {
        DrbdadmVersion v = DrbdadmVersion.parse("sh: 1: modinfo: not found\nhello=world\nDRBDADM_API_VERSION=one\n"
                + "DRBD_KERNEL_VERSION_CODE=0xzz\n=x\n");

        assertThat(v.api()).isEmpty();
        assertThat(v.kernelVersionCode()).isEmpty();
        assertThat(v.kernelVersion()).isEmpty();
        assertThat(v.userlandVersion()).isEmpty();
        assertThat(v.values()).doesNotContainKey("hello").containsEntry("DRBDADM_API_VERSION", "one");
    }

    @Test
    void theInstalledFrontEndsParseToTheirApis() {
        for (String[] helperAndApi : List.of(new String[] {"drbdadm-84", "1"}, new String[] {"drbdadm-83", "88"})) {
            CommandResult r = DrbdUtilsOnHost.run(
                    List.of(DrbdUtilsOnHost.helper(helperAndApi[0]).toString(), "--version"));

            DrbdadmVersion v = DrbdadmVersion.parse(r.stdoutText());

            assertThat(r.exitCode()).isZero();
            assertThat(v.api()).hasValue(Integer.parseInt(helperAndApi[1]));
            assertThat(v.values().get("DRBDADM_BUILDTAG"))
                    .startsWith("GIT-hash: ")
                    .doesNotContain("\\");
            assertThat(v.userlandVersion()).isPresent();
        }
    }

    @Test
    void theInstalledWrapperParsesWithItsKernelVersionLine() {
        CommandResult r = DrbdUtilsOnHost.run(List.of(DrbdUtilsOnHost.wrapper().toString(), "--version"));

        DrbdadmVersion v = DrbdadmVersion.parse(r.stdoutText());

        assertThat(r.exitCode()).isZero();
        assertThat(v.api()).isPresent();
        assertThat(v.values()).containsKey("DRBDADM_VERSION").containsKey("DRBD_KERNEL_VERSION_CODE");
        assertThat(v.values().get("DRBDADM_BUILDTAG")).doesNotContain("\\");
    }
}
