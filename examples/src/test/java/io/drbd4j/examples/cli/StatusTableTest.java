package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table that {@code drbd4j status} prints by default. */
class StatusTableTest {
    private static final Path SAMPLE = Path.of("samples", "proc-drbd-8.4-syncing.txt");

    private static CliResult table(Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("status", "--file", file.toString()));
        args.addAll(List.of(options));
        CliResult result = CliResult.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return result;
    }

    private static List<String> lines(CliResult result) {
        return List.of(result.out().split("\n", -1));
    }

    @Test
    void fitsAHundredColumnsWithTheStatesAShortResyncAndTheDataSafety() {
        CliResult result = table(SAMPLE);

        assertThat(result.out())
                .isEqualTo(
                        """
                        DRBD 8.4.11-1 (api 1, proto 86-101), GIT-hash: 0123456789abcdef0123456789abcdef01234567 build by
                          builder@example.com, 2018-04-26 12:10:42
                        MINOR  STATE         ROLE               DISK                   SYNC               DATA SAFETY
                        0      Connected     Primary/Secondary  UpToDate/UpToDate      -                  safe: either node
                                                                                                          can be lost
                        1      SyncTarget    Secondary/Primary  Inconsistent/UpToDate  43.1% ETA 0:00:34  only the peer is
                                                                                                          UpToDate, resync
                                                                                                          43.1%
                        3      WFConnection  Secondary/Unknown  UpToDate/DUnknown      -                  unknown: peer not
                                                                                                          connected
                                                                                                          (WFConnection)
                        Data safety:
                          minor 1: Do not lose the peer: it is the only UpToDate copy (this node is Inconsistent
                                   (SyncTarget), 1,200,000 KiB still to sync, about 0:00:34 left).
                                   This node can be lost: the peer is UpToDate (resync source), so it holds every
                                   acknowledged write.
                          minor 3: Cannot tell: this node is UpToDate only as of its last contact with the peer
                                   (WFConnection), so it misses any write the peer took since.
                                   Cannot tell: the peer is not connected (WFConnection), so this node cannot know whether
                                   the peer's disk is current.
                        """);
    }

    @Test
    void widePrintsVersionLineAndOneAlignedRowPerDeviceWithEveryColumn() {
        CliResult result = table(SAMPLE, "--wide");

        assertThat(result.out())
                .isEqualTo(
                        """
                        DRBD 8.4.11-1 (api 1, proto 86-101), GIT-hash: 0123456789abcdef0123456789abcdef01234567 build by builder@example.com, 2018-04-26 12:10:42
                        MINOR  STATE         ROLE               DISK                   PROTO  FLAGS   OOS(KiB)  SYNC                                                                  DATA SAFETY
                        0      Connected     Primary/Secondary  UpToDate/UpToDate      C      r-----  0         -                                                                     safe: either node can be lost
                        1      SyncTarget    Secondary/Primary  Inconsistent/UpToDate  C      r-----  1200000   43.1% left 1200000 KiB, ETA 0:00:34, 35,152 KiB/s, want 40,960 KiB/s  only the peer is UpToDate, resync 43.1%
                        3      WFConnection  Secondary/Unknown  UpToDate/DUnknown      C      r-----  0         -                                                                     unknown: peer not connected (WFConnection)
                        Data safety:
                          minor 1: Do not lose the peer: it is the only UpToDate copy (this node is Inconsistent (SyncTarget), 1,200,000 KiB still to sync, about 0:00:34 left).
                                   This node can be lost: the peer is UpToDate (resync source), so it holds every acknowledged write.
                          minor 3: Cannot tell: this node is UpToDate only as of its last contact with the peer (WFConnection), so it misses any write the peer took since.
                                   Cannot tell: the peer is not connected (WFConnection), so this node cannot know whether the peer's disk is current.
                        """);
    }

    @Test
    void survivorOfALostPrimaryIsToldItsDataIsVeryLikelyLost() {
        CliResult result = table(Fixtures.file("039-chef-docs-drbd840-wfconnection-secondary-inconsistent"), "--wide");

        assertThat(lines(result))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("0 ")
                        .endsWith("unknown: peer not connected (WFConnection); this node Inconsistent, 40,552 KiB"
                                + " out of sync"))
                .anySatisfy(line -> assertThat(line).contains("minor 0: Do not lose the peer", "very likely lost"));
    }

    @Test
    void splitBrainSignatureIsNamed() {
        CliResult result = table(Fixtures.file("022-hoangdh-drbd840-splitbrain-standalone-primary"));

        assertThat(lines(result))
                .anySatisfy(line -> assertThat(line).startsWith("0 ").endsWith("  split brain"));
    }

    @Test
    void syncInMiBShowsPercentLeftEtaAndSpeed() {
        Path file = Fixtures.file("030-chef-docs-drbd841-syncsource-typography-mangled");

        assertThat(lines(table(file, "--wide"))).anySatisfy(line -> assertThat(line)
                .startsWith("0 ")
                .contains(" SyncSource ", " Primary/Secondary ", " UpToDate/Inconsistent ", " 12685660 ")
                .contains("  19.5% left 12388 MiB, ETA 0:11:00, 19,188 KiB/s  "));
        assertThat(lines(table(file))).anySatisfy(line -> assertThat(line)
                .startsWith("0 ")
                .contains(" SyncSource ", " Primary/Secondary ", " UpToDate/Inconsistent ")
                .contains("  19.5% ETA 0:11:00  ")
                .doesNotContain("12685660"));
    }

    @Test
    void unconfiguredAndAbsentValuesPrintAsDashes() {
        CliResult result = table(Fixtures.file("001-ganeti-drbd80-multi-minor"), "--wide");

        assertThat(lines(result)).anySatisfy(line -> assertThat(line.split(" +"))
                .startsWith("2", "Unconfigured", "-", "-", "-", "-", "-", "-", "unconfigured:"));
        assertThat(lines(result)).anySatisfy(line -> assertThat(line.split(" +"))
                .startsWith("8", "StandAlone", "Secondary/Unknown", "UpToDate/DUnknown", "-", "r---", "-", "-"));
        assertThat(lines(result).get(0))
                .isEqualTo("DRBD 8.0.12 (api 86, proto 86), GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3"
                        + " build by XXX");
    }

    @Test
    void nulFlagByteIsShownAsBackslashZero() {
        CliResult result = table(Fixtures.file("004-ganeti-drbd831-multi-minor-nul-flag"), "--wide");

        assertThat(result.out()).doesNotContain("\0");
        assertThat(lines(result)).anySatisfy(line -> assertThat(line.split(" +"))
                .startsWith("1", "Connected", "Secondary/Primary", "UpToDate/UpToDate", "C", "r---\\0", "0", "-"));
    }

    @Test
    void listsProblemsWithLineAndColumnAfterTheTable() {
        Path file = Fixtures.file("003-ganeti-drbd80-missing-version-line");
        JsonNode problems = CliResult.run("status", "--json", "--file", file.toString())
                .json()
                .get("problems");
        List<String> expected = new ArrayList<>();
        expected.add(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " reading " + file + ":");
        for (JsonNode p : problems) {
            expected.add("  line " + p.get("line").asInt() + ", column "
                    + p.get("column").asInt() + ": " + p.get("message").asText());
        }
        expected.add("");

        CliResult result = table(file, "--wide");

        assertThat(problems.size()).isPositive();
        List<String> lines = lines(result);
        assertThat(lines.get(0))
                .isEqualTo("DRBD version: unknown (no version line), GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3"
                        + " build by root@node1.example.com, 2009-05-22 12:47:52");
        assertThat(lines.get(1)).startsWith("MINOR ");
        assertThat(lines.subList(2, 7))
                .extracting(line -> line.split(" +")[0])
                .containsExactly("0", "1", "2", "5", "6");
        assertThat(lines.subList(7, lines.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void versionLineDropsTheSrcversionPad() {
        CliResult result = table(Fixtures.file("011-node-exporter-drbd843-primary-primary"));

        assertThat(lines(result).get(0))
                .isEqualTo("DRBD 8.4.3 (api 1, proto 86-101), srcversion: 1A9F77B1CA5FF92235C2213");
    }

    @Test
    void printsNoProblemsSectionWhenThereAreNone() {
        CliResult result = table(SAMPLE);

        assertThat(result.out()).doesNotContain("problem");
    }

    @Test
    void drbd9ShowsTransportsAndSaysWhereDevicesAre() {
        CliResult result = table(Fixtures.file("016-linbit-ug9-drbd900-version-transports"));

        assertThat(lines(result))
                .containsExactly(
                        "DRBD 9.0.0 (api 2, proto 86-110), GIT-hash: 768965a7f158d966bd3bd4ff1014af7b3d9ff10c"
                                + " build by",
                        "  root@node-2, 2015-09-03 13:58:02",
                        "Transports (api 10): tcp 1.0.0",
                        "No devices: DRBD 9 shows device state in 'drbdsetup status', not in /proc/drbd.",
                        "");
    }
}
