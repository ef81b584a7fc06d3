package io.drbd4j.examples.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code drbd4j check --file SAMPLE} must print and exit with for every bundled {@code /proc/drbd} sample (the
 * fixtures of {@link Fixtures} and {@code samples/proc-drbd-8.4-syncing.txt}), written from the states each sample
 * shows (see {@link FixtureExpectations} and the samples' {@code .source} files) by the rules of {@code check --help}:
 * a split brain (StandAlone Primary with oos above 0) and a possible one (StandAlone Secondary with oos above 0, or
 * no oos counter) are CRITICAL, as are both disks Inconsistent and an Inconsistent node whose peer is DUnknown (the
 * primary lost); a resync is WARNING, as is a node that cannot be lost (UpToDate Primary with oos above 0 and no
 * peer, a Diskless peer) or a state where that cannot be told (a peer not connected with oos 0 or no oos); Connected
 * UpToDate/UpToDate with oos 0 is safe; problems of a lenient read turn an OK into UNKNOWN; no device is UNKNOWN.
 */
final class CheckExpectations {
    /** Stands for the sample's path in the summary. */
    static final String FILE = "{file}";

    private static final String CANNOT_TELL = "cannot tell whether either node can be lost";

    private CheckExpectations() {}

    /**
     * One sample's expected output.
     *
     * @param sample the file
     * @param exitCode 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
     * @param summary the line before {@code " | "}, {@link #FILE} standing for the path
     * @param perfdata the performance data, empty when there is none (and then no {@code " | "})
     */
    record Expected(Path sample, int exitCode, String summary, String perfdata) {
        /** @return the whole line {@code check --file SAMPLE} prints */
        String line() {
            return line(sample.toString());
        }

        /**
         * @param source how the command names where it read the sample, such as {@code /abs/path on user@host:22}
         * @return the whole line
         */
        String line(String source) {
            String text = summary.replace(FILE, source);
            return perfdata.isEmpty() ? text : text + " | " + perfdata;
        }

        @Override
        public String toString() {
            return sample.getFileName().toString();
        }
    }

    private static Expected fixture(String name, int exit, String summary, String perfdata) {
        return new Expected(Fixtures.file(name), exit, summary, perfdata);
    }

    private static String oos(int minor, long kib) {
        return "drbd" + minor + "_oos=" + kib + "KB;;;0";
    }

    private static String sync(int minor, String percent, long speed) {
        return "drbd" + minor + "_sync=" + percent + "%;;;0;100 drbd" + minor + "_speed_KiBps=" + speed + ";;;0";
    }

    private static String perf(String... items) {
        return String.join(" ", items);
    }

    /** @return one expectation per bundled sample */
    static List<Expected> all() {
        return List.of(
                new Expected(
                        Path.of("samples", "proc-drbd-8.4-syncing.txt"),
                        1,
                        "DRBD WARNING - drbd1 SyncTarget Secondary/Primary Inconsistent/UpToDate: resync 43.1%;"
                                + " drbd3 WFConnection Secondary/Unknown UpToDate/DUnknown: " + CANNOT_TELL
                                + "; safe: drbd0",
                        perf(oos(0, 0), oos(1, 1200000), sync(1, "43.1", 35152), oos(3, 0))),
                fixture(
                        "001-ganeti-drbd80-multi-minor",
                        2,
                        "DRBD CRITICAL - drbd8 StandAlone Secondary/Unknown UpToDate/DUnknown: possible split brain;"
                                + " drbd4 WFConnection Primary/Unknown UpToDate/DUnknown: " + CANNOT_TELL + ";"
                                + " drbd5 Connected Primary/Secondary UpToDate/Diskless: this node cannot be lost;"
                                + " drbd6 Connected Secondary/Primary Diskless/UpToDate: the peer cannot be lost;"
                                + " drbd7 WFConnection Secondary/Unknown UpToDate/DUnknown: " + CANNOT_TELL + ";"
                                + " safe: drbd0, drbd1; unconfigured: drbd2",
                        ""),
                fixture(
                        "002-ganeti-drbd80-unconfigured-gap",
                        0,
                        "DRBD OK - safe: drbd0; unconfigured: drbd1, drbd2, drbd5, drbd6",
                        ""),
                fixture(
                        "003-ganeti-drbd80-missing-version-line",
                        3,
                        "DRBD UNKNOWN - safe: drbd0; unconfigured: drbd1, drbd2, drbd5, drbd6; 1 problem reading "
                                + FILE + " (first at line 1)",
                        ""),
                fixture(
                        "004-ganeti-drbd831-multi-minor-nul-flag",
                        1,
                        "DRBD WARNING - drbd4 WFConnection Primary/Unknown UpToDate/DUnknown: " + CANNOT_TELL + ";"
                                + " drbd5 Connected Primary/Secondary UpToDate/Diskless: this node cannot be lost;"
                                + " drbd6 Connected Secondary/Primary Diskless/UpToDate: the peer cannot be lost;"
                                + " drbd7 WFConnection Secondary/Unknown UpToDate/DUnknown: " + CANNOT_TELL + ";"
                                + " drbd8 StandAlone Secondary/Unknown UpToDate/DUnknown: " + CANNOT_TELL + ";"
                                + " safe: drbd0, drbd1; unconfigured: drbd2",
                        perf(oos(0, 0), oos(1, 0), oos(4, 0), oos(5, 0), oos(6, 0), oos(7, 0), oos(8, 0))),
                fixture(
                        "005-ganeti-drbd831-synctarget-handedited",
                        1,
                        "DRBD WARNING - drbd3 SyncTarget Primary/Secondary Inconsistent/UpToDate: resync 34.9%;"
                                + " drbd4 WFConnection Primary/Unknown UpToDate/DUnknown: " + CANNOT_TELL + ";"
                                + " safe: drbd0, drbd1; unconfigured: drbd2",
                        perf(oos(0, 0), oos(1, 0), oos(3, 346112), sync(3, "34.9", 59392), oos(4, 0))),
                fixture(
                        "007-ganeti-drbd8311-synctarget-want-srcversion",
                        1,
                        "DRBD WARNING - drbd0 SyncTarget Secondary/Primary Inconsistent/UpToDate: resync 44.4%;"
                                + " unconfigured: drbd1, drbd2, drbd3",
                        perf(oos(0, 588416), sync(0, "44.4", 65736))),
                fixture(
                        "008-ganeti-drbd842-multi-minor-gaps",
                        2,
                        "DRBD CRITICAL - drbd8 StandAlone Secondary/Unknown UpToDate/DUnknown: possible split brain;"
                                + " drbd4 WFConnection Primary/Unknown UpToDate/DUnknown: this node cannot be lost;"
                                + " drbd6 Connected Secondary/Primary Diskless/UpToDate: the peer cannot be lost;"
                                + " safe: drbd0, drbd1; unconfigured: drbd2",
                        perf(oos(0, 0), oos(1, 0), oos(4, 1048320), oos(6, 0), oos(8, 1048320))),
                fixture(
                        "011-node-exporter-drbd843-primary-primary",
                        1,
                        "DRBD WARNING - drbd1 Connected Primary/Primary UpToDate/UpToDate: " + CANNOT_TELL,
                        oos(1, 12349)),
                fixture(
                        "012-linbit-ug84-drbd840-three-minors",
                        0,
                        "DRBD OK - safe: drbd0, drbd1, drbd2",
                        perf(oos(0, 0), oos(1, 0), oos(2, 0))),
                fixture("013-linbit-ug84-drbd8312-connected", 0, "DRBD OK - safe: drbd0", oos(0, 0)),
                fixture(
                        "014-linbit-ug84-drbd841-inconsistent-pair",
                        2,
                        "DRBD CRITICAL - drbd0 Connected Secondary/Secondary Inconsistent/Inconsistent: no good copy"
                                + " on either node",
                        oos(0, 524236)),
                fixture(
                        "015-linbit-ug9-drbd849-duplicated-buildtag",
                        3,
                        "DRBD UNKNOWN - safe: drbd0; 1 problem reading " + FILE + " (first at line 3)",
                        oos(0, 0)),
                fixture(
                        "016-linbit-ug9-drbd900-version-transports",
                        3,
                        "DRBD UNKNOWN - no configured device in " + FILE,
                        ""),
                fixture(
                        "017-drbd-ug83-drbd830-three-minors",
                        3,
                        "DRBD UNKNOWN - safe: drbd0, drbd1, drbd2; 1 problem reading " + FILE + " (first at line 7)",
                        perf(oos(0, 0), oos(1, 0))),
                fixture(
                        "018-drbd-ug83-drbd830-inconsistent-unindented",
                        2,
                        "DRBD CRITICAL - drbd1 Connected Secondary/Secondary Inconsistent/Inconsistent: no good copy"
                                + " on either node",
                        oos(1, 200768)),
                fixture(
                        "021-hoangdh-drbd840-splitbrain-standalone-secondary",
                        2,
                        "DRBD CRITICAL - drbd0 StandAlone Secondary/Unknown UpToDate/DUnknown: possible split brain;"
                                + " 1 problem reading " + FILE + " (first at line 3)",
                        oos(0, 76)),
                fixture(
                        "022-hoangdh-drbd840-splitbrain-standalone-primary",
                        2,
                        "DRBD CRITICAL - drbd0 StandAlone Primary/Unknown UpToDate/DUnknown: split brain;"
                                + " 1 problem reading " + FILE + " (first at line 3)",
                        oos(0, 100)),
                fixture("023-hoangdh-drbd847-connected-primary", 0, "DRBD OK - safe: drbd0", oos(0, 0)),
                fixture(
                        "024-tcarlos-drbd845-wfconnection-minor1",
                        1,
                        "DRBD WARNING - drbd1 WFConnection Secondary/Unknown UpToDate/DUnknown: " + CANNOT_TELL,
                        oos(1, 0)),
                fixture(
                        "025-tcarlos-drbd845-connected-secondary-secondary-minor1",
                        0,
                        "DRBD OK - safe: drbd1",
                        oos(1, 0)),
                fixture(
                        "027-tcarlos-drbd830-two-minors-syncsource-indented",
                        1,
                        "DRBD WARNING - drbd1 SyncSource Primary/Secondary UpToDate/Inconsistent: resync 74.4%;"
                                + " safe: drbd0",
                        perf(oos(0, 0), oos(1, 5018200), sync(1, "74.4", 11776))),
                fixture(
                        "029-noqqe-drbd8311-syncsource-mfinish",
                        1,
                        "DRBD WARNING - drbd0 SyncSource Primary/Secondary UpToDate/Inconsistent: resync 0.4%",
                        perf(oos(0, 194018468), sync(0, "0.4", 10284))),
                fixture(
                        "030-chef-docs-drbd841-syncsource-typography-mangled",
                        1,
                        "DRBD WARNING - drbd0 SyncSource Primary/Secondary UpToDate/Inconsistent: resync 19.5%;"
                                + " 6 problems reading " + FILE + " (first at line 1)",
                        perf(oos(0, 12685660), sync(0, "19.5", 19188))),
                fixture(
                        "032-gentoo-wiki-drbd843-builtin-syncsource-congested-n",
                        1,
                        "DRBD WARNING - drbd1 SyncSource Primary/Secondary UpToDate/Inconsistent: resync 15.6%",
                        perf(oos(1, 1715080), sync(1, "15.6", 38912))),
                fixture(
                        "037-pacemaker-blog-drbd837-standalone-outdated-fragment",
                        2,
                        "DRBD CRITICAL - drbd0 StandAlone Secondary/Unknown Outdated/DUnknown: possible split brain;"
                                + " 2 problems reading " + FILE + " (first at line 1)",
                        ""),
                fixture(
                        "038-ec2-howto-drbd8311-mfinish-tab-and-pad-preserved",
                        1,
                        "DRBD WARNING - drbd0 SyncSource Primary/Secondary UpToDate/Inconsistent: resync 0.1%",
                        perf(oos(0, 104832604), sync(0, "0.1", 1296))),
                fixture(
                        "039-chef-docs-drbd840-wfconnection-secondary-inconsistent",
                        2,
                        "DRBD CRITICAL - drbd0 WFConnection Secondary/Unknown Inconsistent/DUnknown: no current copy"
                                + " here and the peer is not connected",
                        oos(0, 40552)));
    }
}
