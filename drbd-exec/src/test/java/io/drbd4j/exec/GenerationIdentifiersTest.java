package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.testing.ScriptedCommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code drbdadm get-gi} read as {@link GenerationIdentifiers}: the format of drbd-utils' dt_print_uuids. */
class GenerationIdentifiersTest {
    @Test
    void readsTheFourUuidsAndTheSevenFlags() {
        GenerationIdentifiers gi = GenerationIdentifiers.parse(
                "5B7B1B5C7C3A1DDB:0000000000000000:2F4E4B0E3B5D7F49:0000000000000000:1:1:1:1:0:0:0\n");

        assertThat(gi.current()).isEqualTo(0x5B7B1B5C7C3A1DDBL);
        assertThat(gi.bitmap()).isZero();
        assertThat(gi.history()).containsExactly(0x2F4E4B0E3B5D7F49L, 0L);
        assertThat(gi.flags()).containsExactly(true, true, true, true, false, false, false);
        assertThat(gi.justCreated()).isFalse();
        assertThat(gi.tookWritesApart()).isFalse();
        assertThat(gi).hasToString("5B7B1B5C7C3A1DDB:0000000000000000:2F4E4B0E3B5D7F49:0000000000000000:1:1:1:1:0:0:0");
    }

    @Test
    void createMdsUuidIsJustCreatedAndAPromotionApartLeavesABitmapUuid() {
        assertThat(GenerationIdentifiers.parse(
                                "0000000000000004:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0:0:0")
                        .justCreated())
                .isTrue();
        GenerationIdentifiers apart = GenerationIdentifiers.parse(
                "9D0F7AC2E5B3C611:5B7B1B5C7C3A1DDA:2F4E4B0E3B5D7F48:0000000000000000:1:1:0:0:0:0:0");
        assertThat(apart.tookWritesApart()).isTrue();
        assertThat(apart.justCreated()).isFalse();
        // Five flags: the format of older drbd-utils.
        assertThat(GenerationIdentifiers.parse(
                                "0000000000000004:0000000000000000:0000000000000000:0000000000000000:1:1:0:0:0")
                        .flags())
                .hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Unconfigured",
                "0000000000000004:0000000000000000:0000000000000000:1:1:0:0:0",
                "000000000000004:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0:0:0",
                "000000000000000G:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0:0:0",
                "0000000000000004:0000000000000000:0000000000000000:0000000000000000:0:0:2:0:0:0:0"
            })
    void anythingElseIsRefusedQuotingIt(String line) {
        assertThatThrownBy(() -> GenerationIdentifiers.parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + line.strip() + "\" (expected: CURRENT:BITMAP:HISTORY:HISTORY");
    }

    @Test
    void drbdAdmReadsOneLinePerVolumeAndRefusesOutputItDoesNotUnderstand() {
        ScriptedCommandRunner scripted = new ScriptedCommandRunner();
        scripted.expect("drbdadm", "get-gi", "pc0")
                .thenReturn(
                        0, "0000000000000004:0000000000000000:0000000000000000:0000000000000000:1:0:0:0:0:0:0\n", "")
                .expect("drbdadm", "get-gi", "pc0")
                .thenReturn(0, "Device has no disk\n", "");
        DrbdAdm adm = new CliDrbdAdm(scripted, DrbdDialect.drbd84());

        List<GenerationIdentifiers> volumes = adm.generationIdentifiers("pc0");

        assertThat(volumes).hasSize(1);
        assertThat(volumes.get(0).justCreated()).isTrue();
        assertThatThrownBy(() -> adm.generationIdentifiers("pc0"))
                .isInstanceOf(HostQueryException.class)
                .hasMessageContaining("drbdadm get-gi pc0 printed \"Device has no disk\"");
        scripted.verifyAllRan();
    }
}
