package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcDrbdWriterTest {
    /**
     * The fixtures spec proc-drbd.md §15 calls clean: 8.4 (008, 014, 023, 024, 025), 011 whose only edit is in
     * the gauge values, late 8.3 (013, same format as 8.4) and DRBD 9 (016).
     */
    @ParameterizedTest
    @ValueSource(strings = {"008", "011", "013", "014", "016", "023", "024", "025"})
    void writesEveryCleanFixtureBackByteForByte(String fixture) {
        byte[] original = Fixtures.bytes(fixture);
        ProcDrbdStatus status = ProcDrbdParser.strict().parse(original);
        assertThat(new String(ProcDrbdWriter.writeBytes(status), StandardCharsets.UTF_8))
                .isEqualTo(new String(original, StandardCharsets.UTF_8));
    }

    /** The example of spec §6.4, a SyncTarget as 8.4 prints it with the default proc_details = 0. */
    @Test
    void writesTheSpecsSyncTargetExampleExactly() {
        String text = "version: 8.4.11-1 (api:1/proto:86-101)\n"
                + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55\n"
                + " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
                + "    ns:0 nr:1263008 dw:1257888 dr:0 al:0 bm:60 lo:6 pe:8 ua:5 ap:0 ep:1 wo:f oos:1670512\n"
                + "\t[======>.............] sync'ed: 36.3% (1670512/2613068)K\n"
                + "\tfinish: 0:00:47 speed: 35,152 (18,124) want: 44,520 K/sec\n";
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @Test
    void writesBlankLinesAfterTheHeaderAndAtGapsButNeverBetweenNeighbours() {
        String text = "version: 8.4.5 (api:1/proto:86-101)\n"
                + "srcversion: 82483CBF1A7AFF700CBEEC5 \n"
                + "\n"
                + " 1: cs:Unconfigured\n"
                + " 2: cs:Unconfigured\n"
                + "\n"
                + "10: cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r-----\n"
                + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
                + "11: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown B s--u-s\n"
                + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:-1 pe:0 ua:0 ap:0 ep:1 wo:d oos:4\n"
                + "\n"
                + "1048575: cs:Unconfigured\n";
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} per mille -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0    | [>....................] sync'ed:  0.0%",
                "49   | [>....................] sync'ed:  4.9%",
                "50   | [>...................] sync'ed:  5.0%",
                "99   | [>...................] sync'ed:  9.9%",
                "100  | [=>..................] sync'ed: 10.0%",
                "195  | [==>.................] sync'ed: 19.5%",
                "999  | [==================>.] sync'ed: 99.9%",
                "1000 | [===================>] sync'ed:100.0%"
            })
    void writesTheBarWidthAndPercentPaddingOfTheKernel(int perMille, String expected) {
        String text =
                syncing(String.format("\t[%s] sync'ed:%3d.%d%% (4/8)K\n", bar(perMille), perMille / 10, perMille % 10));
        assertThat(roundTrip(text)).contains("\t" + expected + " (4/8)K\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "0 (0)",
                "999 (1,000)",
                "537,160 (999,999)",
                "1,000,000 (8,388,608)",
                "1234,567,890 (1)",
                "-1234 (-5)",
                "35,152 (12 -- 18,124) want: 44,520",
                "1,296 (1,296) want: 0 K/sec (stalled"
            })
    void writesSpeedsWithTheKernelsThousandsGrouping(String speeds) {
        String finish = speeds.endsWith("(stalled")
                ? "\tfinish: 22:24:00 speed: " + speeds + ")\n"
                : "\tfinish: 22:24:00 speed: " + speeds + " K/sec\n";
        String text = syncing("\t[>....................] sync'ed:  0.1% (102372/102392)M\n")
                .replace("FINISH", finish);
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @Test
    void writesAFinishWithoutATimeAsInfinity() {
        String text = syncing("\t[>....................] sync'ed:  0.1% (102372/102392)M\n")
                .replace("FINISH", "\tfinish: \u221e speed: -7 (3) K/sec\n");
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    private static String syncing(String progress) {
        return "version: 8.4.11-1 (api:1/proto:86-101)\n"
                + "built-in\n"
                + " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
                + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:4\n"
                + progress
                + (progress.contains("finish") ? "" : "FINISH");
    }

    private static String bar(int perMille) {
        int x = perMille / 50;
        return "=".repeat(Math.max(x - 1, 0)) + ">" + ".".repeat(20 - x);
    }

    private static String roundTrip(String text) {
        String input = text.replace("FINISH", "\tfinish: 0:00:01 speed: 1 (1) K/sec\n");
        return ProcDrbdWriter.write(ProcDrbdParser.strict().parse(input.getBytes(StandardCharsets.UTF_8)));
    }
}
