package io.drbd4j.examples.cli;

import static io.drbd4j.examples.cli.FixtureExpectation.UNCHECKED;
import static io.drbd4j.examples.cli.FixtureExpectation.of;

import java.util.List;

/**
 * For every fixture in drbd-core's {@code src/test/resources/fixtures/proc-drbd}, what its {@code .source} file describes: versions,
 * minors, states, roles, disk states, protocol, flags, out-of-sync KiB and resync progress. M-unit progress
 * ({@code (12388/15372)M}) is MiB, so its KiB values are the printed numbers times 1024.
 */
final class FixtureExpectations {
    private static final String V8012 = "8.0.12 api=86 proto=86-86";
    private static final String V831 = "8.3.1 api=88 proto=86-89";
    private static final String V830 = "8.3.0 api=88 proto=86-89";
    private static final String V8311 = "8.3.11 api=88 proto=86-96";
    private static final String V840 = "8.4.0 api=1 proto=86-100";
    private static final String NONE = "null";

    private FixtureExpectations() {}

    /** @return one expectation per fixture, by fixture name */
    static List<FixtureExpectation> all() {
        return List.of(
                of(
                        "001-ganeti-drbd80-multi-minor",
                        V8012,
                        "0 Connected Primary/Secondary UpToDate/UpToDate C r--- oos=null",
                        "1 Connected Secondary/Primary UpToDate/UpToDate C r--- oos=null",
                        "2 Unconfigured",
                        "4 WFConnection Primary/Unknown UpToDate/DUnknown C r--- oos=null",
                        "5 Connected Primary/Secondary UpToDate/Diskless C r--- oos=null",
                        "6 Connected Secondary/Primary Diskless/UpToDate C r--- oos=null",
                        "7 WFConnection Secondary/Unknown UpToDate/DUnknown C r--- oos=null",
                        "8 StandAlone Secondary/Unknown UpToDate/DUnknown null r--- oos=null"),
                of(
                        "002-ganeti-drbd80-unconfigured-gap",
                        V8012,
                        "0 Connected Primary/Secondary UpToDate/UpToDate C r--- oos=null",
                        "1 Unconfigured",
                        "2 Unconfigured",
                        "5 Unconfigured",
                        "6 Unconfigured"),
                of(
                        "003-ganeti-drbd80-missing-version-line",
                        NONE,
                        "0 Connected Primary/Secondary UpToDate/UpToDate C r--- oos=null",
                        "1 Unconfigured",
                        "2 Unconfigured",
                        "5 Unconfigured",
                        "6 Unconfigured"),
                of(
                        "004-ganeti-drbd831-multi-minor-nul-flag",
                        V831,
                        "0 Connected Primary/Secondary UpToDate/UpToDate C r---- oos=0",
                        "1 Connected Secondary/Primary UpToDate/UpToDate C r---\\0 oos=0",
                        "2 Unconfigured",
                        "4 WFConnection Primary/Unknown UpToDate/DUnknown C r---- oos=0",
                        "5 Connected Primary/Secondary UpToDate/Diskless C r---- oos=0",
                        "6 Connected Secondary/Primary Diskless/UpToDate C r---\\0 oos=0",
                        "7 WFConnection Secondary/Unknown UpToDate/DUnknown C r---\\0 oos=0",
                        "8 StandAlone Secondary/Unknown UpToDate/DUnknown null r---\\0 oos=0"),
                of(
                                "005-ganeti-drbd831-synctarget-handedited",
                                V831,
                                "0 Connected Primary/Secondary UpToDate/UpToDate C r---- oos=0",
                                "1 Connected Secondary/Primary UpToDate/UpToDate C r---\\0 oos=0",
                                "2 Unconfigured",
                                "3 SyncTarget Primary/Secondary Inconsistent/UpToDate C r---- oos=346112",
                                "4 WFConnection Primary/Unknown UpToDate/DUnknown C r---- oos=0")
                        .syncs("3: sync 34.9% left 354418688 of 536870912 KiB, finish 5 s, speed 59392,"
                                + " average 59392, want null, stalled false"),
                of(
                                "007-ganeti-drbd8311-synctarget-want-srcversion",
                                V8311,
                                "0 SyncTarget Secondary/Primary Inconsistent/UpToDate C r----- oos=588416",
                                "1 Unconfigured",
                                "2 Unconfigured",
                                "3 Unconfigured")
                        .syncs("0: sync 44.4% left 588416 of 1048576 KiB, finish 8 s, speed 65736, average 65736,"
                                + " want 61440, stalled false"),
                of(
                        "008-ganeti-drbd842-multi-minor-gaps",
                        "8.4.2 api=1 proto=86-101",
                        "0 Connected Primary/Secondary UpToDate/UpToDate C r----- oos=0",
                        "1 Connected Secondary/Primary UpToDate/UpToDate C r----- oos=0",
                        "2 Unconfigured",
                        "4 WFConnection Primary/Unknown UpToDate/DUnknown C r----- oos=1048320",
                        "6 Connected Secondary/Primary Diskless/UpToDate C r----- oos=0",
                        "8 StandAlone Secondary/Unknown UpToDate/DUnknown null r----- oos=1048320"),
                of(
                        "011-node-exporter-drbd843-primary-primary",
                        "8.4.3 api=1 proto=86-101",
                        "1 Connected Primary/Primary UpToDate/UpToDate C r----- oos=12349"),
                of(
                        "012-linbit-ug84-drbd840-three-minors",
                        V840,
                        "0 Connected Secondary/Secondary UpToDate/UpToDate C r----- oos=0",
                        "1 Connected Primary/Secondary UpToDate/UpToDate C r--- oos=0",
                        "2 Connected Secondary/Primary UpToDate/UpToDate C r--- oos=0"),
                of(
                        "013-linbit-ug84-drbd8312-connected",
                        "8.3.12 api=88 proto=86-96",
                        "0 Connected Secondary/Primary UpToDate/UpToDate C r----- oos=0"),
                of(
                        "014-linbit-ug84-drbd841-inconsistent-pair",
                        "8.4.1 api=1 proto=86-100",
                        "0 Connected Secondary/Secondary Inconsistent/Inconsistent C r----- oos=524236"),
                of(
                        "015-linbit-ug9-drbd849-duplicated-buildtag",
                        "8.4.9-1 api=1 proto=86-101",
                        "0 Connected Secondary/Secondary UpToDate/UpToDate C r----- oos=0"),
                of("016-linbit-ug9-drbd900-version-transports", "9.0.0 api=2 proto=86-110")
                        .transports("tcp 1.0.0"),
                of(
                        "017-drbd-ug83-drbd830-three-minors",
                        V830,
                        "0 Connected Secondary/Secondary UpToDate/UpToDate C r--- oos=0",
                        "1 Connected Secondary/Secondary UpToDate/UpToDate C r--- oos=0",
                        "2 Connected Secondary/Secondary UpToDate/UpToDate C r--- counters=null"),
                of(
                        "018-drbd-ug83-drbd830-inconsistent-unindented",
                        V830,
                        "1 Connected Secondary/Secondary Inconsistent/Inconsistent C r--- oos=200768"),
                of(
                        "021-hoangdh-drbd840-splitbrain-standalone-secondary",
                        V840,
                        "0 StandAlone Secondary/Unknown UpToDate/DUnknown null r----- oos=76"),
                of(
                        "022-hoangdh-drbd840-splitbrain-standalone-primary",
                        V840,
                        "0 StandAlone Primary/Unknown UpToDate/DUnknown null r----- oos=100"),
                of(
                        "023-hoangdh-drbd847-connected-primary",
                        "8.4.7-1 api=1 proto=86-101",
                        "0 Connected Primary/Secondary UpToDate/UpToDate C r----- oos=0"),
                of(
                        "024-tcarlos-drbd845-wfconnection-minor1",
                        "8.4.5 api=1 proto=86-101",
                        "1 WFConnection Secondary/Unknown UpToDate/DUnknown C r----- oos=0"),
                of(
                        "025-tcarlos-drbd845-connected-secondary-secondary-minor1",
                        "8.4.5 api=1 proto=86-101",
                        "1 Connected Secondary/Secondary UpToDate/UpToDate C r----- oos=0"),
                of(
                                "027-tcarlos-drbd830-two-minors-syncsource-indented",
                                V830,
                                "0 Connected Primary/Secondary UpToDate/UpToDate C r--- oos=0",
                                "1 SyncSource Primary/Secondary UpToDate/Inconsistent A r--- oos=5018200")
                        .syncs("1: sync 74.4% left 5017600 of 19529728 KiB, finish 426 s, speed 11776,"
                                + " average 10992, want null, stalled false"),
                of(
                                "029-noqqe-drbd8311-syncsource-mfinish",
                                V8311,
                                "0 SyncSource Primary/Secondary UpToDate/Inconsistent C r----- oos=194018468")
                        .syncs("0: sync 0.4% left 194015232 of 194764800 KiB, finish 18846 s, speed 10284,"
                                + " average 10252, want null, stalled false"),
                // The version line reads "86[STRIKEOUT:100)": nothing says what a lenient parser should keep of it.
                of(
                                "030-chef-docs-drbd841-syncsource-typography-mangled",
                                UNCHECKED,
                                "0 SyncSource Primary/Secondary UpToDate/Inconsistent C r]\u2014- oos=12685660")
                        .syncs("0: sync 19.5% left 12685312 of 15740928 KiB, finish 660 s, speed 19188,"
                                + " average 24468, want null, stalled false"),
                of(
                                "032-gentoo-wiki-drbd843-builtin-syncsource-congested-n",
                                "8.4.3 api=1 proto=86-101",
                                "1 SyncSource Primary/Secondary UpToDate/Inconsistent C r---n- oos=1715080")
                        .syncs("1: sync 15.6% left 1715080 of 2026376 KiB, finish 44 s, speed 38912,"
                                + " average 38912, want null, stalled false"),
                of(
                        "037-pacemaker-blog-drbd837-standalone-outdated-fragment",
                        NONE,
                        "0 StandAlone Secondary/Unknown Outdated/DUnknown null r---- counters=null"),
                of(
                                "038-ec2-howto-drbd8311-mfinish-tab-and-pad-preserved",
                                V8311,
                                "0 SyncSource Primary/Secondary UpToDate/Inconsistent C r----- oos=104832604")
                        .syncs("0: sync 0.1% left 104828928 of 104849408 KiB, finish 80640 s, speed 1296,"
                                + " average 1296, want null, stalled false"),
                of(
                        "039-chef-docs-drbd840-wfconnection-secondary-inconsistent",
                        V840,
                        "0 WFConnection Secondary/Unknown Inconsistent/DUnknown C r----- oos=40552"));
    }
}
