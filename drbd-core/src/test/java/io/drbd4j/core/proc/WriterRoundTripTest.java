package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.DrbdException;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Transport;
import org.junit.jupiter.api.Test;

/**
 * What the writer writes, its own strict parser reads back to the same model; a model it cannot write so is
 * refused with a typed error.
 */
class WriterRoundTripTest {
    private static final String HEADER = "version: 8.3.7 (api:88/proto:86-91)\n"
            + "GIT-hash: ea9e28dbff98e331a62bcbcc63a6135808fe2917 build by root@host, 2010-01-13 10:17:56\n";

    static final String STALLED = HEADER
            + " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:1024\n"
            + "\t[=>..................] sync'ed: 10.0% (1024/2048)K\n"
            + "\tstalled\n";

    static final String OLD_VERIFY = HEADER
            + " 0: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:0\n"
            + "\t 42%      123456/654321\n";

    @Test
    void aStalledResyncIsWrittenWithItsStalledLine() {
        ProcDrbdStatus model = ProcDrbdParser.strict().parse(Expect.utf8(STALLED));

        assertThat(model.devices().get(0).sync().orElseThrow().stalled()).isTrue();
        assertRoundTrips(model);
    }

    @Test
    void aPre8310VerifyLineIsWrittenInItsOwnForm() {
        ProcDrbdStatus model = ProcDrbdParser.strict().parse(Expect.utf8(OLD_VERIFY));

        assertRoundTrips(model);
    }

    @Test
    void aDetailLineAtTheBoundIsRefusedOrRoundTrips() {
        ProcDrbdStatus base = ProcDrbdParser.strict().parse(Expect.utf8(OLD_VERIFY));
        for (int length : new int[] {16_382, 16_383, 16_384, 20_000}) {
            String detail = "resync: " + "x".repeat(length - 8);
            DeviceStatus d = DeviceStatus.builder()
                    .from(base.devices().get(0))
                    .addDetails(detail)
                    .build();
            assertRoundTrips(ProcDrbdStatus.builder()
                    .from(base)
                    .devices(java.util.List.of(d))
                    .build());
        }
    }

    @Test
    void aTransportNameOfAControlCharacterIsRefusedOrRoundTrips() {
        ProcDrbdStatus base = ProcDrbdParser.strict()
                .parse(Expect.utf8("version: 9.2.8 (api:2/proto:86-122)\n"
                        + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03\n"
                        + "Transports (api:20): tcp (9.2.8)\n"));
        for (String name : new String[] {"\u0001", " ", "", "a b", "x(y", "tcp\t"}) {
            assertRoundTrips(ProcDrbdStatus.builder()
                    .from(base)
                    .transports(java.util.List.of(Transport.of(name, "1.0.0")))
                    .build());
        }
    }

    @Test
    void everyFixtureAStrictParseReadsIsWrittenBackToItselfOrRefused() {
        int written = 0;
        int refused = 0;
        for (String name : Fixtures.names()) {
            ProcDrbdStatus model;
            try {
                model = ProcDrbdParser.strict().parse(Fixtures.bytes(name));
            } catch (ProcDrbdParseException mangled) {
                continue; // the mangled samples: lenient only
            }
            try {
                ProcDrbdWriter.writeBytes(model);
                written++;
            } catch (ProcDrbdWriteException e) {
                refused++;
            }
            assertRoundTrips(model);
        }
        // Of the 20 samples a strict parse reads, 13 are written back to themselves; 7 are refused, among them those
        // of 8.3.1 to 8.3.8 (five flag characters) and 8.0 (four), which the writer of 8.4's text cannot print.
        assertThat(written).isEqualTo(13);
        assertThat(refused).isEqualTo(7);
    }

    @Test
    void flagsOfAnotherShapeThanDrbd84sAreRefusedNamingWhatTheWriterWouldPrint() {
        ProcDrbdStatus old = ProcDrbdParser.strict()
                .parse(Expect.utf8("version: 8.3.7 (api:88/proto:86-91)\n"
                        + " 0: cs:Connected ro:Secondary/Secondary ds:UpToDate/UpToDate C r----\n"
                        + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:0\n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProcDrbdWriter.write(old))
                .isInstanceOf(ProcDrbdWriteException.class)
                .hasMessage("minor 0's I/O flags \"r----\" (expected: the six characters of DRBD 8.4 that the flag"
                        + " fields give, r-----) cannot be written so that it reads back the same");
    }

    static void assertRoundTrips(ProcDrbdStatus model) {
        byte[] text;
        try {
            text = ProcDrbdWriter.writeBytes(model);
        } catch (DrbdException refused) {
            assertThat(refused.getClass().getSimpleName()).isEqualTo("ProcDrbdWriteException");
            assertThat(refused.getMessage()).contains("expected");
            return;
        }
        assertThat(ProcDrbdParser.strict().parse(text))
                .as("parsed from%n%s", new String(text, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(model);
    }
}
