package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.core.model.ProcDrbdStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers wider than their field: each is range-checked before it is narrowed to an int or multiplied into KiB,
 * so strict mode refuses the line and lenient mode reports it instead of reading a wrapped value.
 */
class NumberRangeTest {
    private static final String TAG =
            "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03\n";

    private static final String SYNC_TARGET =
            " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n"
                    + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "version: 8.4.11-1 (api:4294967297/proto:86-101)\n" + TAG,
                "version: 8.0.16 (api:86/proto:4294967382)\n" + TAG,
                "version: 8.4.11-1 (api:1/proto:86-4294967397)\n" + TAG,
                "version: 8.4.11-1 (api:18446744073709551617/proto:86-101)\n" + TAG,
                "version: 9.2.8 (api:2/proto:86-122)\n" + TAG + "Transports (api:4294967306): tcp (9.2.8)\n",
                "version: 8.4.11-1 (api:1/proto:86-101)\n" + TAG + SYNC_TARGET
                        + "\t[>....................] sync'ed:  0.1% (9007199254740993/9007199254740000)M\n"
                        + "\tfinish: 0:00:47 speed: 35,152 (18,124) K/sec\n",
                "version: 8.4.11-1 (api:1/proto:86-101)\n" + TAG + SYNC_TARGET
                        + "\t[>....................] sync'ed:  0.1% (9007199254740993/1024)M\n"
                        + "\tfinish: 0:00:47 speed: 35,152 (18,124) K/sec\n"
            })
    void numbersPastTheirWidthAreRefusedStrictlyAndReportedLeniently(String text) {
        byte[] data = Expect.utf8(text);

        assertThatThrownBy(() -> ProcDrbdParser.strict().parse(data))
                .isInstanceOf(ProcDrbdParseException.class)
                .hasMessageContaining("expected");
        ProcDrbdStatus lenient = ProcDrbdParser.lenient().parse(data);
        assertThat(lenient.problems()).isNotEmpty();
        boolean versionIsSound = text.startsWith("version: 8.4.11-1 (api:1/proto:86-101)\n")
                || text.startsWith("version: 9.2.8 (api:2/proto:86-122)\n");
        assertThat(lenient.version().isPresent()).isEqualTo(versionIsSound);
        assertThat(lenient.transportsApi()).isEmpty();
        assertThat(lenient.devices())
                .allSatisfy(d -> d.sync().ifPresent(p -> assertThat(p.leftKiB()).isNotNegative()));
    }
}
