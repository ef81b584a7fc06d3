package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.time.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit codes of {@code status} and {@code ha-status} for scripts: 0 whatever they show, as documented, unless
 * {@code --fail-unless-safe} / {@code --fail-unless-healthy} ask for 1; and the watch options without {@code
 * --watch} are usage errors (2). Which samples are safe is read off each sample's devices.
 */
class ExitCodesTest {
    private static CliResult status(String fixture, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "status";
        args[1] = "--file";
        args[2] = Fixtures.file(fixture).toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliResult.run(args);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        // three minors Connected UpToDate/UpToDate, protocol C, oos:0
        "012-linbit-ug84-drbd840-three-minors, 0",
        // minor 0 Connected UpToDate/UpToDate; minors 1, 2, 5, 6 Unconfigured (no data, not judged)
        "002-ganeti-drbd80-unconfigured-gap, 0",
        // StandAlone Primary/Unknown with oos:100: split brain
        "022-hoangdh-drbd840-splitbrain-standalone-primary, 1",
        // SyncSource at 15.6%: the peer is still Inconsistent
        "032-gentoo-wiki-drbd843-builtin-syncsource-congested-n, 1",
        // WFConnection Secondary/Unknown Inconsistent/DUnknown: the primary lost
        "039-chef-docs-drbd840-wfconnection-secondary-inconsistent, 1",
        // DRBD 9 header only: no device to be safe
        "016-linbit-ug9-drbd900-version-transports, 1",
        // Connected UpToDate/UpToDate, but a second build tag line the lenient read lists as a problem
        "015-linbit-ug9-drbd849-duplicated-buildtag, 1"
    })
    void failUnlessSafeExitsOneUnlessEveryConfiguredDeviceIsSafe(String fixture, int exit) {
        CliResult result = status(fixture, "--fail-unless-safe");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(exit);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("DRBD ");
    }

    @Test
    void withoutTheOptionStatusExitsZeroOnASplitBrainAsDocumented() {
        CliResult result = status("022-hoangdh-drbd840-splitbrain-standalone-primary", "--json");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_OK);
        assertThat(result.json().at("/devices/0/safety/summary").asText()).isEqualTo("split brain");
    }

    @Test
    void failUnlessSafeAlsoWorksWithJson() {
        CliResult result = status("022-hoangdh-drbd840-splitbrain-standalone-primary", "--json", "--fail-unless-safe");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_NOT_SAFE);
        assertThat(result.json().at("/devices/0/safety/safe").asBoolean()).isFalse();
    }

    @Test
    void failUnlessSafeWithWatchJudgesTheLastRead() {
        Sleeper sleeper = new Sleeper() {
            private Instant now = Instant.parse("2026-12-06T10:00:00Z");

            @Override
            public Clock clock() {
                return Clock.fixed(now, ZoneOffset.UTC);
            }

            @Override
            public void sleep(Duration duration) {
                now = now.plus(duration);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Drbd4jCommand.run(
                new Drbd4jCommand(false, sleeper),
                new PrintWriter(out),
                new PrintWriter(err),
                "status",
                "--watch",
                "--count",
                "2",
                "--fail-unless-safe",
                "--file",
                Fixtures.file("013-linbit-ug84-drbd8312-connected").toString());

        assertThat(exit).as(err.toString()).isEqualTo(Drbd4jCommand.EXIT_OK);
        assertThat(out.toString()).containsOnlyOnce("--- 2026-12-06T10:00:00Z").contains("--- 2026-12-06T10:00:02Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--interval, 5s", "--count, 3"})
    void aWatchOptionWithoutWatchIsAUsageError(String option, String value) {
        CliResult result = status("012-linbit-ug84-drbd840-three-minors", option, value);

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("drbd4j status: " + option + " needs --watch (see 'drbd4j status --help')\n");
    }

    @Test
    void haStatusOfTheHealthyDemoPairPassesFailUnlessHealthy() {
        CliResult result = CliResult.run("ha-status", "--demo", "--fail-unless-healthy");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_OK);
        assertThat(result.out()).endsWith("healthy: yes\n");
    }
}
