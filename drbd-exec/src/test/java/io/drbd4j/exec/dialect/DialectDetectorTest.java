package io.drbd4j.exec.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Detection in the order of spec drbd-commands.md §4d, from what the installed drbd-utils really print: the api
 * of {@code drbdadm --version} (88 = 8.3, 1 = 8.4), for the DRBD 9 tool (api 2) {@code /proc/drbd}'s version
 * line, then the preset; a DRBD 9 module is refused; detection wins over a preset; disagreements are listed.
 */
class DialectDetectorTest {
    private static final String NO_PROC_DRBD = "cat: /proc/drbd: No such file or directory\n";
    private static final String OS_RELEASE =
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                    + "VERSION_ID=\"12\"\nID=debian\n";

    private final ScriptedCommandRunner host = new ScriptedCommandRunner();

    /** The host answers {@code drbdadm --version} with this stdout (exit 0). */
    private ScriptedCommandRunner drbdadmVersion(String stdout) {
        return host.expect("drbdadm", "--version").thenReturn(0, stdout, "");
    }

    private ScriptedCommandRunner procDrbd(String text) {
        return host.expect("cat", "/proc/drbd").thenReturn(0, text, "");
    }

    private ScriptedCommandRunner noProcDrbd() {
        return host.expect("cat", "/proc/drbd").thenReturn(1, "", NO_PROC_DRBD);
    }

    private ScriptedCommandRunner osRelease() {
        return host.expect("cat", "/etc/os-release").thenReturn(0, OS_RELEASE, "");
    }

    private static String live(String... argv) {
        CommandResult r = DrbdUtilsOnHost.run(List.of(argv));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdoutText();
    }

    private static String live84() {
        return live(DrbdUtilsOnHost.helper("drbdadm-84").toString(), "--version");
    }

    private static String live83() {
        return live(DrbdUtilsOnHost.helper("drbdadm-83").toString(), "--version");
    }

    @Test
    void theRealDrbdadm84MeansTheEightFourDialect() {
        drbdadmVersion(live84());
        noProcDrbd();
        osRelease();

        Detection d = new DialectDetector(host).detect();

        assertThat(d.dialect().name()).isEqualTo("8.4");
        assertThat(d.source()).isEqualTo(Detection.Source.DRBDADM_VERSION);
        assertThat(d.drbdadm().orElseThrow().api()).hasValue(1);
        assertThat(d.kernelRelease()).isEmpty();
        assertThat(d.preset()).isEmpty();
        assertThat(d.disagreements()).isEmpty();
        host.verifyAllRan();
    }

    @Test
    void theRealDrbdadm83MeansTheEightThreeDialect() {
        drbdadmVersion(live83());
        noProcDrbd();
        osRelease();

        Detection d = new DialectDetector(host).detect();

        assertThat(d.dialect().name()).isEqualTo("8.3");
        assertThat(d.source()).isEqualTo(Detection.Source.DRBDADM_VERSION);
        assertThat(d.drbdadm().orElseThrow().api()).hasValue(88);
        assertThat(d.disagreements()).isEmpty();
        host.verifyAllRan();
    }

    private static String liveWrapperWithoutModule() {
        CommandResult r = DrbdUtilsOnHost.run(List.of(DrbdUtilsOnHost.wrapper().toString(), "--version"));
        DrbdadmVersion v = DrbdadmVersion.parse(r.stdoutText());
        // On a host with a loaded 8.x module the wrapper dispatches (api 1 or 88): then this case is not here.
        Assumptions.assumeTrue(
                v.api().equals(OptionalInt.of(2)) && v.kernelVersionCode().equals(OptionalInt.of(0)),
                "the installed drbdadm reports api 2 and kernel code 0x000000 only without a DRBD module: " + v);
        return r.stdoutText();
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void theDrbd9ToolWithoutAModuleFallsToThePreset(Platform preset) {
        drbdadmVersion(liveWrapperWithoutModule());
        noProcDrbd();
        osRelease();

        Detection d = new DialectDetector(host).detect(preset);

        assertThat(d.dialect().name()).isEqualTo(preset.dialect().name());
        assertThat(d.source()).isEqualTo(Detection.Source.PRESET);
        assertThat(d.preset()).hasValue(preset);
        assertThat(d.drbdadm().orElseThrow().api()).hasValue(2);
        assertThat(d.disagreements()).isEmpty();
        host.verifyAllRan();
    }

    @Test
    void theDrbd9ToolWithoutAModuleAndWithoutAPresetCannotTell() {
        drbdadmVersion(liveWrapperWithoutModule());
        noProcDrbd();
        osRelease();

        assertThatThrownBy(() -> new DialectDetector(host).detect())
                .isInstanceOf(DialectDetectionException.class)
                .hasMessageContaining("drbdadm --version gave api 2 ")
                .hasMessageContaining("/proc/drbd no version")
                .hasMessageContaining("platform preset");
    }

    static Stream<String> procDrbdFixtures() {
        return Recorded.procDrbdNames().stream();
    }

    private static final Pattern VERSION_LINE =
            Pattern.compile("(?m)^\\s*version: (\\d+)\\.(\\d+)\\.\\S* \\(api:\\d+/proto:\\d+(-\\d+)?\\)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("procDrbdFixtures")
    void theDrbd9ToolReadsTheDialectFromProcDrbd(String fixture) {
        String text = Recorded.procDrbd(fixture);
        drbdadmVersion(Recorded.text("version/drbdadm-9.22.0-no-module.txt"));
        procDrbd(text);
        osRelease();
        Matcher m = VERSION_LINE.matcher(text);
        String series = m.find() ? m.group(1) + "." + m.group(2) : "none";

        DialectDetector detector = new DialectDetector(host);

        switch (series) {
            case "8.3", "8.4" -> {
                Detection d = detector.detect();
                assertThat(d.dialect().name()).isEqualTo(series);
                assertThat(d.source()).isEqualTo(Detection.Source.PROC_DRBD);
                assertThat(d.kernelRelease())
                        .hasValueSatisfying(r -> assertThat(r).startsWith(series + "."));
                assertThat(d.disagreements()).isEmpty();
            }
            case "9.0" ->
                assertThatThrownBy(detector::detect)
                        .isInstanceOf(DialectDetectionException.class)
                        .hasMessageContaining("DRBD 9")
                        .hasMessageContaining("9.0.0");
            default ->
                assertThatThrownBy(detector::detect)
                        .isInstanceOf(DialectDetectionException.class)
                        .hasMessageContaining("cannot tell the DRBD dialect");
        }
    }

    @Test
    void everyFixtureSeriesIsCovered() {
        Map<String, Long> bySeries = Recorded.procDrbdNames().stream()
                .map(Recorded::procDrbd)
                .map(VERSION_LINE::matcher)
                .map(m -> m.find() ? m.group(1) + "." + m.group(2) : "none")
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));

        assertThat(bySeries).containsKeys("8.3", "8.4", "9.0", "8.0", "none");
    }

    @Test
    void theDrbd9FixtureIsRefusedEvenWithAPreset() {
        drbdadmVersion(Recorded.text("version/drbdadm-9.22.0-no-module.txt"));
        procDrbd(Recorded.procDrbd("016-linbit-ug9-drbd900-version-transports"));
        osRelease();

        assertThatThrownBy(() -> new DialectDetector(host).detect(Platform.RHEL_CENTOS_6))
                .isInstanceOf(DialectDetectionException.class)
                .hasMessage("the host runs DRBD 9 (9.0.0); drbd4j drives DRBD 8.3 and 8.4 (expected: an 8.x kernel"
                        + " module)");
    }

    @Test
    void aDrbd9KernelCodeInDrbdadmVersionIsRefused() {
        drbdadmVersion(Recorded.text("version/drbdadm-9.22.0-kernel-9.2.3.txt"));
        noProcDrbd();
        osRelease();

        assertThatThrownBy(() -> new DialectDetector(host).detect(Platform.USERLAND_84))
                .isInstanceOf(DialectDetectionException.class)
                .hasMessageContaining("DRBD 9 (9.2.3)");
    }

    @Test
    void theRealWrapperFacingADrbd9ModuleIsRefused() {
        CommandResult r = DrbdUtilsOnHost.run(
                Map.of("DRBD_DRIVER_VERSION_OVERRIDE", "9.2.3"),
                List.of(DrbdUtilsOnHost.wrapper().toString(), "--version"));
        assertThat(r.stdoutText()).contains("DRBD_KERNEL_VERSION_CODE=0x090203");
        drbdadmVersion(r.stdoutText());
        noProcDrbd();
        osRelease();

        assertThatThrownBy(() -> new DialectDetector(host).detect())
                .isInstanceOf(DialectDetectionException.class)
                .hasMessageContaining("DRBD 9 (9.2.3)");
    }

    @Test
    void aDrbd9ModuleIsRefusedWhateverDrbdadmSpeaks() {
        // An 8.4-only userland next to a DRBD 9 module cannot drive it either.
        drbdadmVersion(Recorded.text("version/drbdadm-84-9.22.0.txt"));
        procDrbd(Recorded.procDrbd("016-linbit-ug9-drbd900-version-transports"));
        osRelease();

        assertThatThrownBy(() -> new DialectDetector(host).detect())
                .isInstanceOf(DialectDetectionException.class)
                .hasMessageContaining("DRBD 9 (9.0.0)");
    }

    @Test
    void aPresetThatDisagreesLosesAndIsListed() {
        drbdadmVersion(Recorded.text("version/drbdadm-84-9.22.0.txt"));
        noProcDrbd();
        osRelease();

        Detection d = new DialectDetector(host).detect(Platform.UBUNTU_12_04);

        assertThat(d.dialect().name()).isEqualTo("8.4");
        assertThat(d.source()).isEqualTo(Detection.Source.DRBDADM_VERSION);
        assertThat(d.preset()).hasValue(Platform.UBUNTU_12_04);
        assertThat(d.disagreements())
                .containsExactly("preset Ubuntu 12.04 (DRBD 8.3 userland) says 8.3, the host says 8.4; using 8.4");
    }

    @Test
    void aPresetThatDisagreesWithProcDrbdLosesToo() {
        drbdadmVersion(Recorded.text("version/drbdadm-9.22.0-no-module.txt"));
        procDrbd(Recorded.procDrbd("029-noqqe-drbd8311-syncsource-mfinish"));
        osRelease();

        Detection d = new DialectDetector(host).detect(Platform.RHEL_CENTOS_6);

        assertThat(d.dialect().name()).isEqualTo("8.3");
        assertThat(d.source()).isEqualTo(Detection.Source.PROC_DRBD);
        assertThat(d.kernelRelease()).hasValue("8.3.11");
        assertThat(d.disagreements())
                .containsExactly("preset RHEL/CentOS 6 (DRBD 8.4 userland) says 8.4, the host says 8.3; using 8.3");
    }

    @Test
    void apiOneOnAnEightThreeKernelIsListed() {
        drbdadmVersion(Recorded.text("version/drbdadm-84-9.22.0.txt"));
        procDrbd(Recorded.procDrbd("013-linbit-ug84-drbd8312-connected"));
        osRelease();

        Detection d = new DialectDetector(host).detect();

        assertThat(d.dialect().name()).isEqualTo("8.4");
        assertThat(d.source()).isEqualTo(Detection.Source.DRBDADM_VERSION);
        assertThat(d.kernelRelease()).hasValue("8.3.12");
        assertThat(d.disagreements())
                .containsExactly("drbdadm speaks 8.4 (api 1) but /proc/drbd reports 8.3.12: the tools may not drive"
                        + " this module");
    }

    @Test
    void apiEightyEightOnAnEightFourKernelIsListed() {
        drbdadmVersion(Recorded.text("version/drbdadm-83-9.22.0.txt"));
        procDrbd(Recorded.procDrbd("024-tcarlos-drbd845-wfconnection-minor1"));
        osRelease();

        Detection d = new DialectDetector(host).detect(Platform.USERLAND_83);

        assertThat(d.dialect().name()).isEqualTo("8.3");
        assertThat(d.disagreements())
                .containsExactly("drbdadm speaks 8.3 (api 88) but /proc/drbd reports 8.4.5: the tools may not drive"
                        + " this module");
    }

    @Test
    void apiEightyEightOnAnOlderKernelSeriesIsListed() {
        drbdadmVersion(Recorded.text("version/drbdadm-83-9.22.0.txt"));
        procDrbd(Recorded.procDrbd("001-ganeti-drbd80-multi-minor"));
        osRelease();

        Detection d = new DialectDetector(host).detect();

        assertThat(d.dialect().name()).isEqualTo("8.3");
        assertThat(d.kernelRelease()).hasValue("8.0.12");
        assertThat(d.disagreements())
                .containsExactly("drbdadm speaks 8.3 (api 88) but /proc/drbd reports 8.0.12: the tools may not drive"
                        + " this module");
    }

    @Test
    void apiAndKernelThatAgreeAreNotListed() {
        drbdadmVersion(Recorded.text("version/drbdadm-84-9.22.0.txt")
                .replace("DRBD_KERNEL_VERSION_CODE=0x000000", "DRBD_KERNEL_VERSION_CODE=0x080405"));
        procDrbd(Recorded.procDrbd("024-tcarlos-drbd845-wfconnection-minor1"));
        osRelease();

        Detection d = new DialectDetector(host).detect(Platform.RHEL_CENTOS_6);

        assertThat(d.dialect().name()).isEqualTo("8.4");
        assertThat(d.kernelRelease()).hasValue("8.4.5");
        assertThat(d.drbdadm().orElseThrow().kernelVersion()).hasValue("8.4.5");
        assertThat(d.disagreements()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aPre832DrbdadmWithoutVersionIsReadFromItsUsageText(int exit) {
        // 8.3.0/8.3.1 have no --version; drbdadm with no arguments ends its usage with "Version: 8.3.1 (api:88)".
        String usage = Recorded.text("version/drbdadm-8.3.1-usage.txt");
        host.expect("drbdadm", "--version").thenReturn(exit, usage, "");
        host.expect("drbdadm").thenReturn(exit, usage, "");
        noProcDrbd();
        osRelease();

        Detection d = new DialectDetector(host).detect();

        assertThat(d.dialect().name()).isEqualTo("8.3");
        assertThat(d.source()).isEqualTo(Detection.Source.DRBDADM_VERSION);
        assertThat(d.drbdadm().orElseThrow().userlandVersion()).hasValue("8.3.1");
        host.verifyAllRan();
    }

    @Test
    void noDrbdadmAtAllLeavesProcDrbd() {
        host.expect("drbdadm", "--version").thenFailToStart("No such file or directory");
        host.expect("drbdadm").thenFailToStart("No such file or directory");
        procDrbd(Recorded.procDrbd("023-hoangdh-drbd847-connected-primary"));
        osRelease();

        Detection d = new DialectDetector(host).detect();

        assertThat(d.dialect().name()).isEqualTo("8.4");
        assertThat(d.source()).isEqualTo(Detection.Source.PROC_DRBD);
        assertThat(d.drbdadm()).isEmpty();
        assertThat(d.kernelRelease()).hasValue("8.4.7-1");
    }

    @Test
    void theOperatingSystemIsCapturedForDiagnosticsOnly() {
        drbdadmVersion(Recorded.text("version/drbdadm-83-9.22.0.txt"));
        noProcDrbd();
        osRelease();

        Detection d = new DialectDetector(host).detect(Platform.RHEL_CENTOS_6);

        assertThat(d.operatingSystem()).hasValue("Debian GNU/Linux 12 (bookworm)");
        assertThat(d.dialect().name()).isEqualTo("8.3");
    }

    @Test
    void noOsReleaseLeavesTheOperatingSystemEmpty() {
        drbdadmVersion(Recorded.text("version/drbdadm-84-9.22.0.txt"));
        noProcDrbd();
        host.expect("cat", "/etc/os-release").thenReturn(1, "", "cat: /etc/os-release: No such file or directory\n");

        Detection d = new DialectDetector(host).detect();

        assertThat(d.operatingSystem()).isEmpty();
        assertThat(d.dialect().name()).isEqualTo("8.4");
    }

    @Test
    void theRealOsReleaseOfThisHostIsRead() {
        String text = live("cat", "/etc/os-release");
        Matcher m = Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\\n]*)\"?$").matcher(text);
        Assumptions.assumeTrue(m.find(), "this host's /etc/os-release has no PRETTY_NAME");
        drbdadmVersion(Recorded.text("version/drbdadm-84-9.22.0.txt"));
        noProcDrbd();
        host.expect("cat", "/etc/os-release").thenReturn(0, text, "");

        Detection d = new DialectDetector(host).detect();

        assertThat(d.operatingSystem()).hasValue(m.group(1));
    }
}
