package io.drbd4j.core.proc;

import static io.drbd4j.core.model.ConnectionState.*;
import static io.drbd4j.core.model.DiskState.*;
import static io.drbd4j.core.model.ReplicationProtocol.C;
import static io.drbd4j.core.model.Role.*;
import static io.drbd4j.core.model.SyncProgress.Kind.SYNC;
import static io.drbd4j.core.model.SyncProgress.Unit.KIB;
import static io.drbd4j.core.model.SyncProgress.Unit.MIB;
import static io.drbd4j.core.model.WriteOrdering.BARRIER;
import static io.drbd4j.core.model.WriteOrdering.DRAIN;
import static io.drbd4j.core.model.WriteOrdering.FLUSH;
import static io.drbd4j.core.proc.Expect.columnOf;
import static io.drbd4j.core.proc.Expect.counters;
import static io.drbd4j.core.proc.Expect.device;
import static io.drbd4j.core.proc.Expect.hms;
import static io.drbd4j.core.proc.Expect.idle;
import static io.drbd4j.core.proc.Expect.problemLines;
import static io.drbd4j.core.proc.Expect.progress;
import static io.drbd4j.core.proc.Expect.unconfigured;
import static io.drbd4j.core.proc.Expect.version;
import static io.drbd4j.core.proc.FixtureValuesDrbd80And83Test.assertHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Transport;
import io.drbd4j.core.proc.Fixtures.CoversFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values of the DRBD 8.4 and 9 fixtures, read by hand from each .txt and its .source, parsed leniently
 * through every input mode.
 */
class FixtureValuesDrbd84And9Test {
    private static final String SPLIT_BRAIN_TAG =
            "GIT-hash: 28753f559ab51b549d16bcf487fe625d5919c49c build by gardner@, 2011-12-1";

    @Test
    @CoversFixture("008-ganeti-drbd842-multi-minor-gaps")
    void fixture008_minorsWithGapsAndBlankProtocol() {
        ProcDrbdStatus s = Fixtures.lenient("008");

        assertHeader(
                s,
                "8.4.2",
                1,
                86,
                101,
                "GIT-hash: 7ad5f850d711223713d6dcadc3dd48860321070c build by root@example.com, 2013-04-10 07:45:25");
        assertThat(s.devices())
                .containsExactly(
                        device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                                .counters(counters(1048576, 0, 0, 1048776, 0, 64, 0, 0, 0, 0, 1, FLUSH, 0))
                                .build(),
                        device(1, CONNECTED, SECONDARY, PRIMARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                                .counters(counters(0, 1048576, 1048576, 0, 0, 64, 0, 0, 0, 0, 1, FLUSH, 0))
                                .build(),
                        unconfigured(2),
                        device(4, WF_CONNECTION, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r-----")
                                .counters(counters(0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 1, FLUSH, 1048320))
                                .build(),
                        device(6, CONNECTED, SECONDARY, PRIMARY, DISKLESS, UP_TO_DATE, C, "r-----")
                                .counters(idle(BARRIER, 0))
                                .build(),
                        device(8, STAND_ALONE, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, null, "r-----")
                                .counters(counters(0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 1, FLUSH, 1048320))
                                .build());
        assertThat(s.device(8).orElseThrow().protocol())
                .as("three spaces: no protocol")
                .isEmpty();
        assertThat(s.device(3)).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("011-node-exporter-drbd843-primary-primary")
    void fixture011_primaryPrimaryWithPaddedSrcversionAndDistinctGauges() {
        ProcDrbdStatus s = Fixtures.lenient("011");

        assertHeader(s, "8.4.3", 1, 86, 101, "srcversion: 1A9F77B1CA5FF92235C2213");
        assertThat(s.buildTag().orElseThrow().id()).contains("1A9F77B1CA5FF92235C2213");
        assertThat(s.devices())
                .containsExactly(device(1, CONNECTED, PRIMARY, PRIMARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(counters(
                                17324442, 10961011, 28263521, 118696670, 1100, 221, 12345, 12346, 12347, 12348, 1,
                                DRAIN, 12349))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("012-linbit-ug84-drbd840-three-minors")
    void fixture012_threeConnectedMinorsWithHandEditedFourCharFlags() {
        ProcDrbdStatus s = Fixtures.lenient("012");

        assertHeader(
                s,
                "8.4.0",
                1,
                86,
                100,
                "GIT-hash: 09b6d528b3b3de50462cd7831c0a3791abc665c3 build by linbit@buildsystem.linbit, 2011-10-12 09:07:35");
        assertThat(s.devices())
                .containsExactly(
                        device(0, CONNECTED, SECONDARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                                .counters(counters(0, 0, 0, 656, 0, 0, 0, 0, 0, 0, 1, BARRIER, 0))
                                .build(),
                        device(1, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(idle(BARRIER, 0))
                                .build(),
                        device(2, CONNECTED, SECONDARY, PRIMARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                                .counters(idle(BARRIER, 0))
                                .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("014-linbit-ug84-drbd841-inconsistent-pair")
    void fixture014_freshResourceInconsistentOnBothSides() {
        ProcDrbdStatus s = Fixtures.lenient("014");

        assertHeader(
                s,
                "8.4.1",
                1,
                86,
                100,
                "GIT-hash: 91b4c048c1a0e06777b5f65d312b38d47abaea80 build by buildsystem@linbit, 2011-12-20 12:58:48");
        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, SECONDARY, SECONDARY, INCONSISTENT, INCONSISTENT, C, "r-----")
                        .counters(idle(BARRIER, 524236))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("015-linbit-ug9-drbd849-duplicated-buildtag")
    void fixture015_duplicatedBuildTagIsReportedAtLine3() {
        ProcDrbdStatus s = Fixtures.lenient("015");

        String tag = "GIT-hash: [...] build by linbit@buildsystem, 2016-11-18 14:49:21";
        assertHeader(s, "8.4.9-1", 1, 86, 101, tag);
        assertThat(s.version().orElseThrow().major()).isEqualTo(8);
        assertThat(s.version().orElseThrow().minor()).isEqualTo(4);
        assertThat(s.buildTag().orElseThrow().kind()).isEqualTo(BuildTag.Kind.GIT_HASH);
        assertThat(s.buildTag().orElseThrow().id()).contains("[...]");
        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, SECONDARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(counters(0, 211852, 211852, 0, 0, 0, 0, 0, 0, 0, 1, DRAIN, 0))
                        .build());
        assertThat(problemLines(s)).containsExactly(3);
        assertThat(s.problems().get(0).lineText()).isEqualTo(tag);
    }

    @Test
    @CoversFixture("016-linbit-ug9-drbd900-version-transports")
    void fixture016_drbd9HeaderWithOneTransportAndNoDevices() {
        ProcDrbdStatus s = Fixtures.lenient("016");

        assertThat(s.version()).contains(version("9.0.0", 2, 86, 110));
        assertThat(s.version().orElseThrow().major()).isEqualTo(9);
        assertThat(s.version().orElseThrow().compat84()).isFalse();
        assertThat(s.buildTag())
                .contains(
                        BuildTag.of(
                                "GIT-hash: 768965a7f158d966bd3bd4ff1014af7b3d9ff10c build by root@node-2, 2015-09-03 13:58:02"));
        assertThat(s.transportsApi()).hasValue(10);
        assertThat(s.transports()).containsExactly(Transport.of("tcp", "1.0.0"));
        assertThat(s.devices()).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("021-hoangdh-drbd840-splitbrain-standalone-secondary")
    void fixture021_splitBrainSecondaryWithWrappedBuildTag() {
        ProcDrbdStatus s = Fixtures.lenient("021");

        assertHeader(s, "8.4.0", 1, 86, 100, SPLIT_BRAIN_TAG);
        assertThat(s.devices())
                .containsExactly(device(0, STAND_ALONE, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, null, "r-----")
                        .counters(idle(BARRIER, 76))
                        .build());
        assertWrappedDateReportedAtLine3(s);
    }

    @Test
    @CoversFixture("022-hoangdh-drbd840-splitbrain-standalone-primary")
    void fixture022_splitBrainPrimaryWithWrappedBuildTag() {
        ProcDrbdStatus s = Fixtures.lenient("022");

        assertHeader(s, "8.4.0", 1, 86, 100, SPLIT_BRAIN_TAG);
        assertThat(s.devices())
                .containsExactly(device(0, STAND_ALONE, PRIMARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, null, "r-----")
                        .counters(counters(0, 0, 144, 4205, 5, 0, 0, 0, 0, 0, 1, BARRIER, 100))
                        .build());
        assertWrappedDateReportedAtLine3(s);
    }

    private static void assertWrappedDateReportedAtLine3(ProcDrbdStatus s) {
        assertThat(s.problems()).hasSize(1);
        ParseProblem p = s.problems().get(0);
        assertThat(List.of(p.line(), p.column())).containsExactly(3, 1);
        assertThat(p.lineText()).isEqualTo("2 23:52:00");
        assertThat(p.message()).contains("2 23:52:00");
    }

    @Test
    @CoversFixture("023-hoangdh-drbd847-connected-primary")
    void fixture023_drbd847ConnectedPrimary() {
        ProcDrbdStatus s = Fixtures.lenient("023");

        assertHeader(
                s,
                "8.4.7-1",
                1,
                86,
                101,
                "GIT-hash: 3a6a769340ef93b1ba2792c6461250790795db49 build by phil@Build64R7, 2016-01-12 14:29:40");
        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(counters(1048508, 0, 0, 1049236, 8, 0, 0, 0, 0, 0, 1, FLUSH, 0))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("024-tcarlos-drbd845-wfconnection-minor1")
    void fixture024_firstMinorIs1AfterABlankLine() {
        ProcDrbdStatus s = Fixtures.lenient("024");

        assertHeader(s, "8.4.5", 1, 86, 101, "srcversion: 82483CBF1A7AFF700CBEEC5");
        assertThat(s.devices())
                .containsExactly(device(1, WF_CONNECTION, SECONDARY, UNKNOWN, UP_TO_DATE, DUNKNOWN, C, "r-----")
                        .counters(counters(0, 246700, 246700, 0, 0, 0, 0, 0, 0, 0, 1, FLUSH, 0))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("025-tcarlos-drbd845-connected-secondary-secondary-minor1")
    void fixture025_connectedSecondarySecondaryMinor1() {
        ProcDrbdStatus s = Fixtures.lenient("025");

        assertHeader(s, "8.4.5", 1, 86, 101, "srcversion: 82483CBF1A7AFF700CBEEC5");
        assertThat(s.devices())
                .containsExactly(device(1, CONNECTED, SECONDARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(counters(0, 250796, 250796, 0, 0, 0, 0, 0, 0, 0, 1, FLUSH, 0))
                        .build());
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("030-chef-docs-drbd841-syncsource-typography-mangled")
    void fixture030_typographyMangledSyncSourceIsReadWithProblems() {
        ProcDrbdStatus s = Fixtures.lenient("030");

        assertThat(s.version()).as("'proto:86[STRIKEOUT:100)' is not a version").isEmpty();
        assertThat(s.buildTag()).contains(BuildTag.of("GIT-hash: 91b4c048c1a0e06777b5f65d312b38d47abaea80 build by"));
        assertThat(s.buildTag().orElseThrow().id()).contains("91b4c048c1a0e06777b5f65d312b38d47abaea80");
        assertThat(s.devices())
                .containsExactly(device(0, SYNC_SOURCE, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT, C, "r]\u2014-")
                        .counters(counters(3071368, 0, 0, 3075736, 0, 187, 0, 13, 4, 0, 1, BARRIER, 12685660))
                        .sync(progress(SYNC, 195, 12388L * 1024, 15372L * 1024, MIB)
                                .finish(hms(0, 11, 0))
                                .speedKiBps(19188)
                                .averageKiBps(24468)
                                .build())
                        .build());
        assertThat(problemLines(s))
                .as("1 version, 3 wrapped date, 4 flags, 6 wrapped counters, 7 typography")
                .containsOnly(1, 3, 4, 6, 7)
                .isSorted();
        assertThat(s.problems().get(0).lineText()).isEqualTo("   version: 8.4.1 (api:1/proto:86[STRIKEOUT:100)");
        assertThat(s.problems())
                .as("byte columns where each deviation starts (the bar's U+2026 are 3 bytes each)")
                .extracting(ParseProblem::line, ParseProblem::column)
                .contains(
                        tuple(1, columnOf(s.problems().get(0).lineText(), "[STRIKEOUT")),
                        tuple(3, 4),
                        tuple(4, columnOf(lineOf(s, 4), "]")),
                        tuple(6, columnOf(lineOf(s, 6), "wo:b")),
                        tuple(7, 10),
                        tuple(7, columnOf(lineOf(s, 7), "sync\u2019ed")));
        assertThat(columnOf(lineOf(s, 7), "sync\u2019ed")).isEqualTo(29);
    }

    private static String lineOf(ProcDrbdStatus s, int line) {
        return s.problems().stream()
                .filter(p -> p.line() == line)
                .findFirst()
                .orElseThrow()
                .lineText();
    }

    @Test
    @CoversFixture("032-gentoo-wiki-drbd843-builtin-syncsource-congested-n")
    void fixture032_builtInSyncSourceWithNetworkCongestion() {
        ProcDrbdStatus s = Fixtures.lenient("032");

        assertHeader(s, "8.4.3", 1, 86, 101, "built-in");
        assertThat(s.buildTag().orElseThrow().kind()).isEqualTo(BuildTag.Kind.BUILT_IN);
        assertThat(s.buildTag().orElseThrow().id()).isEmpty();
        assertThat(s.devices())
                .containsExactly(device(1, SYNC_SOURCE, PRIMARY, SECONDARY, UP_TO_DATE, INCONSISTENT, C, "r---n-")
                        .counters(counters(313236, 0, 0, 315032, 0, 19, 5, 2, 7, 0, 1, FLUSH, 1715080))
                        .sync(progress(SYNC, 156, 1715080, 2026376, KIB)
                                .finish(hms(0, 0, 44))
                                .speedKiBps(38912)
                                .averageKiBps(38912)
                                .build())
                        .build());
        DeviceStatus d = s.device(1).orElseThrow();
        assertThat(d.ioFlags().orElseThrow().congestion()).contains(Congestion.NETWORK);
        assertThat(d.sync().orElseThrow().wantKiBps())
                .as("SyncSource never shows want:")
                .isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    @CoversFixture("039-chef-docs-drbd840-wfconnection-secondary-inconsistent")
    void fixture039_survivorWaitingForConnectionWithInconsistentDisk() {
        ProcDrbdStatus s = Fixtures.lenient("039");

        assertHeader(
                s,
                "8.4.0",
                1,
                86,
                100,
                "GIT-hash: 28753f559ab51b549d16bcf487fe625d5919c49c build by root@localhost.localdomain, 2012-02-06 12:59:36");
        assertThat(s.devices())
                .containsExactly(device(0, WF_CONNECTION, SECONDARY, UNKNOWN, INCONSISTENT, DUNKNOWN, C, "r-----")
                        .counters(counters(0, 210572, 210572, 0, 0, 13, 0, 0, 0, 0, 1, BARRIER, 40552))
                        .build());
        assertThat(s.problems()).isEmpty();
    }
}
