package io.drbd4j.core.proc;

import static io.drbd4j.core.model.ConnectionState.CONNECTED;
import static io.drbd4j.core.model.DiskState.UP_TO_DATE;
import static io.drbd4j.core.model.ReplicationProtocol.C;
import static io.drbd4j.core.model.Role.PRIMARY;
import static io.drbd4j.core.model.Role.SECONDARY;
import static io.drbd4j.core.model.WriteOrdering.FLUSH;
import static io.drbd4j.core.proc.Expect.counters80;
import static io.drbd4j.core.proc.Expect.device;
import static io.drbd4j.core.proc.Expect.idle;
import static io.drbd4j.core.proc.Expect.utf8;
import static io.drbd4j.core.proc.Expect.version;
import static io.drbd4j.core.proc.KernelText.GIT_TAG_84;
import static io.drbd4j.core.proc.KernelText.VERSION_84;
import static io.drbd4j.core.proc.KernelText.idleCounters;
import static io.drbd4j.core.proc.KernelText.parseStrictly;
import static io.drbd4j.core.proc.KernelText.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.BuildTag;
import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version, build-tag and Transports lines (spec §2, §11), and whole-file line ends, parsed strictly. */
class SyntheticHeaderFormsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "version: 8.4.0rc1 (api:1/proto:86-100)    | 8.4.0rc1    | 1  | 86 | 100 | 8 | 4",
                "version: 8.4.11-0rc1 (api:1/proto:86-101) | 8.4.11-0rc1 | 1  | 86 | 101 | 8 | 4",
                "version: 8.4.2amz2 (api:1/proto:86-101)   | 8.4.2amz2   | 1  | 86 | 101 | 8 | 4",
                "version: 8.4.12-1 (api:1/proto:86-101)    | 8.4.12-1    | 1  | 86 | 101 | 8 | 4",
                "version: 8.3.16rc1 (api:88/proto:86-97)   | 8.3.16rc1   | 88 | 86 | 97  | 8 | 3"
            })
    void releaseStringsAreKeptVerbatimWithApiAndProtocolRange(
            String line, String release, int api, int protoMin, int protoMax, int major, int minor) {
        ProcDrbdStatus s = parseStrictly(
                line,
                GIT_TAG_84,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0));

        DrbdVersion v = s.version().orElseThrow();
        assertThat(v).isEqualTo(version(release, api, protoMin, protoMax));
        assertThat(List.of(v.major(), v.minor())).containsExactly(major, minor);
        assertThat(v.compat84()).isFalse();
    }

    @Test
    void drbd80SingleProtocolNumberGivesEqualMinAndMax() {
        ProcDrbdStatus s = parseStrictly(
                "version: 8.0.16 (api:86/proto:86)",
                "GIT-hash: d30881451c988619e243d6294a899139eed1183d build by phil@mescal, 2009-08-06 16:28:14",
                " 0: cs:Connected st:Primary/Secondary ds:UpToDate/UpToDate C r---",
                "    ns:12 nr:0 dw:12 dr:160 al:1 bm:0 lo:0 pe:0 ua:0 ap:0");

        assertThat(s.version()).contains(version("8.0.16", 86, 86, 86));
        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r---")
                        .counters(counters80(12, 0, 12, 160, 1, 0, 0, 0, 0, 0))
                        .build());
    }

    @Test
    void drbd9WithSeveralTransports() {
        ProcDrbdStatus s = parseStrictly(
                "version: 9.2.8 (api:2/proto:86-122)",
                "GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by @buildsystem, 2024-04-03 09:04:15",
                "Transports (api:20): tcp (9.2.8) lb-tcp (9.2.8) rdma (9.2.8)");

        assertThat(s.version()).contains(version("9.2.8", 2, 86, 122));
        assertThat(s.transportsApi()).hasValue(20);
        assertThat(s.transports())
                .containsExactly(
                        Transport.of("tcp", "9.2.8"), Transport.of("lb-tcp", "9.2.8"), Transport.of("rdma", "9.2.8"));
        assertThat(s.devices()).isEmpty();
    }

    @Test
    void drbd9WithNoTransportLoaded() {
        ProcDrbdStatus s = parseStrictly(
                "version: 9.2.8 (api:2/proto:86-122)",
                "GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by @buildsystem, 2024-04-03 09:04:15",
                "Transports (api:20):");

        assertThat(s.transportsApi()).hasValue(20);
        assertThat(s.transports()).isEmpty();
    }

    @Test
    void drbd9TransportWithoutVersionPrintsNone() {
        ProcDrbdStatus s = parseStrictly(
                "version: 9.0.3 (api:2/proto:86-112)",
                "GIT-hash: 1f0c2ae1a8ee5d3b9ee9bbfe5e7bca1e2b3c4d5e build by root@node-1, 2016-07-20 10:00:00",
                "Transports (api:14): tcp (NONE)");

        assertThat(s.transports()).containsExactly(Transport.of("tcp", "NONE"));
    }

    @Test
    void drbd9CompatModeShowsDeviceBlocksAndNoTransportsLine() {
        ProcDrbdStatus s = parseStrictly(
                "version: 9.3.1 (api:2/proto:118-124) (compat 8.4)",
                "GIT-hash: 0f8c44170ee5d3b9ee9bbfe5e7bca1e2b3c4d5e6 build by @buildhost, 2025-11-03 12:00:00",
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0));

        assertThat(s.version().orElseThrow())
                .isEqualTo(DrbdVersion.builder()
                        .from(version("9.3.1", 2, 118, 124))
                        .compat84(true)
                        .build());
        assertThat(s.devices())
                .containsExactly(device(0, CONNECTED, PRIMARY, SECONDARY, UP_TO_DATE, UP_TO_DATE, C, "r-----")
                        .counters(idle(FLUSH, 0))
                        .build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by buildd@lcy01, 2018-04-26 12:10:42"
                        + " | GIT_HASH | 66145a308421e9c124ec391a7848ac20203bb03c",
                "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c drbd/drbd_proc.c drbd/drbd_int.h build by u@h,"
                        + " 2018-04-26 12:10:42 | GIT_HASH | 66145a308421e9c124ec391a7848ac20203bb03c",
                "GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3 reproducible build, 2024-01-02 03:04:05"
                        + " | GIT_HASH | 5c9f89594553e32adb87d9638dce591782f947e3",
                "GIT-hash: 5c9f89594553e32adb87d9638dce591782f947e3 build by mockbuild@, 2016-10-13 12:00:00"
                        + " | GIT_HASH | 5c9f89594553e32adb87d9638dce591782f947e3",
                "srcversion: 1A9F77B1CA5FF92235C2213 | SRCVERSION | 1A9F77B1CA5FF92235C2213",
                "built-in | BUILT_IN | ",
            })
    void buildTagVariants(String tag, BuildTag.Kind kind, String id) {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                tag,
                state(0, "Connected", "Primary/Secondary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('f', 0));

        BuildTag b = s.buildTag().orElseThrow();
        assertThat(b.text()).isEqualTo(tag);
        assertThat(b.kind()).isEqualTo(kind);
        assertThat(b.id().orElse(null)).isEqualTo(id);
    }

    @Test
    void srcversionPadSpaceIsNotPartOfTheTag() {
        ProcDrbdStatus s = parseStrictly(
                VERSION_84,
                "srcversion: 1A9F77B1CA5FF92235C2213 ",
                "",
                state(1, "Connected", "Primary/Primary", "UpToDate/UpToDate", 'C', "r-----"),
                idleCounters('d', 0));

        assertThat(s.buildTag()).contains(BuildTag.of("srcversion: 1A9F77B1CA5FF92235C2213"));
    }

    /** A whole 8.4 file with gaps, an Unconfigured minor, progress and details. */
    static final List<String> RICH_84 = List.of(
            VERSION_84,
            GIT_TAG_84,
            "",
            state(1, "SyncTarget", "Secondary/Primary", "Inconsistent/UpToDate", 'C', "r-----"),
            "    ns:0 nr:1263008 dw:1257888 dr:0 al:0 bm:0 lo:6 pe:8 ua:5 ap:0 ep:1 wo:f oos:1670512",
            "\t[======>.............] sync'ed: 36.3% (1670512/2613068)K",
            "\tfinish: 0:00:47 speed: 35,152 (36,864 -- 18,124) want: 44,520 K/sec",
            "\t 36% sector pos: 1885112/5226136",
            "\tresync: used:1/61 hits:12345 misses:12 starving:0 locked:0 changed:12",
            "\tact_log: used:0/1237 hits:0 misses:0 starving:0 locked:0 changed:0",
            "\tblocked on activity log: 0",
            KernelText.unconfigured(2),
            "\tblocked on activity log: 0",
            "",
            state(5, "StandAlone", "Secondary/Unknown", "UpToDate/DUnknown", ' ', "r-----"),
            idleCounters('f', 76));

    @Test
    void crlfLineEndsGiveTheSameModelAsLf() {
        byte[] lf = utf8(String.join("\n", RICH_84) + "\n");
        byte[] crlf = utf8(String.join("\r\n", RICH_84) + "\r\n");

        ProcDrbdStatus fromLf = InputModes.parseConsistently(ProcDrbdParser.strict(), lf);
        ProcDrbdStatus fromCrlf = InputModes.parseConsistently(ProcDrbdParser.strict(), crlf);

        assertThat(fromCrlf).isEqualTo(fromLf);
        assertThat(fromCrlf.problems()).isEmpty();
        assertThat(Expect.minors(fromCrlf)).containsExactly(1, 2, 5);
        assertThat(fromCrlf.device(1).orElseThrow().details()).hasSize(4).noneMatch(d -> d.contains("\r"));
    }

    @Test
    void indentationTrailingBlanksAndExtraBlankLinesAreHarmlessInStrictMode() {
        List<String> padded = new ArrayList<>();
        for (String line : RICH_84) {
            padded.add(line.isEmpty() ? "" : "  " + line + " \t ");
            padded.add("");
        }
        padded.add(" \t");

        ProcDrbdStatus clean =
                InputModes.parseConsistently(ProcDrbdParser.strict(), utf8(String.join("\n", RICH_84) + "\n"));
        ProcDrbdStatus messy =
                InputModes.parseConsistently(ProcDrbdParser.strict(), utf8(String.join("\r\n", padded) + "\r\n"));

        assertThat(messy).isEqualTo(clean);
        assertThat(messy.problems()).isEmpty();
    }

    @Test
    void lastLineWithoutNewlineIsStillRead() {
        byte[] text = utf8(String.join("\n", RICH_84));

        ProcDrbdStatus s = InputModes.parseConsistently(ProcDrbdParser.lenient(), text);

        assertThat(s.device(5).orElseThrow().counters()).contains(idle(FLUSH, 76));
    }
}
