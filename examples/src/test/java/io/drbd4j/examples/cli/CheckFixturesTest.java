package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code drbd4j check --file} on every bundled sample: the exact Nagios line and exit code. */
class CheckFixturesTest {
    static List<CheckExpectations.Expected> expectations() {
        return CheckExpectations.all();
    }

    @Test
    void everyFixtureHasACheckExpectation() {
        List<String> covered = expectations().stream()
                .map(e -> e.sample().getFileName().toString())
                .filter(n -> !n.equals("proc-drbd-8.4-syncing.txt"))
                .map(n -> n.substring(0, n.length() - ".txt".length()))
                .collect(Collectors.toList());

        assertThat(covered).containsExactlyElementsOf(Fixtures.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void printsOneNagiosLineAndExitsWithItsState(CheckExpectations.Expected expected) {
        CliResult result = CliResult.run("check", "--file", expected.sample().toString());

        assertThat(result.out()).isEqualTo(expected.line() + "\n");
        assertThat(result.exitCode()).isEqualTo(expected.exitCode());
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theSplitBrainAndPrimaryLostSamplesAreCriticalAndResyncsWarnings() {
        // The four cases, named: split brain (both sides), the primary lost mid-sync, a resync, a synced pair.
        assertThat(exit("021-hoangdh-drbd840-splitbrain-standalone-secondary")).isEqualTo(2);
        assertThat(exit("022-hoangdh-drbd840-splitbrain-standalone-primary")).isEqualTo(2);
        assertThat(exit("039-chef-docs-drbd840-wfconnection-secondary-inconsistent"))
                .isEqualTo(2);
        assertThat(exit("032-gentoo-wiki-drbd843-builtin-syncsource-congested-n"))
                .isEqualTo(1);
        assertThat(exit("023-hoangdh-drbd847-connected-primary")).isEqualTo(0);
    }

    private static int exit(String fixture) {
        return CliResult.run("check", "--file", Fixtures.file(fixture).toString())
                .exitCode();
    }
}
