package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** {@code --size}: bytes, or a whole number with a binary unit letter; anything else says what it saw and expects. */
class SizeConverterTest {
    private final SizeConverter converter = new SizeConverter();

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "1, 1",
        "21474836480, 21474836480",
        "1K, 1024",
        "512M, 536870912",
        "512m, 536870912",
        "20G, 21474836480",
        "3g, 3221225472",
        "2T, 2199023255552",
        "8388607T, 9223370937343148032",
        "9223372036854775807, 9223372036854775807"
    })
    void readsBytesAndBinaryUnits(String typed, long bytes) {
        assertThat(converter.convert(typed)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "G", "20GB", "20 G", " 20G", "1.5G", "-1G", "20P", "0x10", "20GiB", "1e9"})
    void refusesAnotherFormSayingWhatItSawAndExpects(String typed) {
        assertThatThrownBy(() -> converter.convert(typed))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + typed + "' is not a size (expected: bytes, or a whole number with K, M, G or T for"
                        + " KiB, MiB, GiB or TiB, such as 20G)");
    }

    @Test
    void aControlCharacterIsShownEscaped() {
        assertThatThrownBy(() -> converter.convert("20G\n"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'20G\\n' is not a size (expected: ");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0", "0G", "0000T"})
    void refusesZero(String typed) {
        assertThatThrownBy(() -> converter.convert(typed))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + typed + "' is a size of 0 bytes (expected: more than 0)");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"8388608T", "9223372036854775808", "9999999999999999999", "9007199254740992K"})
    void refusesASizePastTheLargestLong(String typed) {
        assertThatThrownBy(() -> converter.convert(typed))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + typed + "' is too large (expected: at most 9223372036854775807 bytes, just under 8"
                        + " EiB)");
    }

    @Test
    void theCommandLineReportsABadSizeAsAUsageErrorNamingTheOption() {
        CliResult result = CliResult.run("plan", "grow-volume", "--size", "20GB");

        assertThat(result.exitCode()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .startsWith("drbd4j plan: Invalid value for option '--size': '20GB' is not a size (expected: bytes,"
                        + " or a whole number with K, M, G or T for KiB, MiB, GiB or TiB, such as 20G)");
    }
}
