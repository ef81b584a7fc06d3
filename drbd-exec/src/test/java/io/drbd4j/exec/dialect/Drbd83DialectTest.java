package io.drbd4j.exec.dialect;

import static io.drbd4j.exec.dialect.DialectTable.RATE;
import static io.drbd4j.exec.dialect.DialectTable.RATE_KIBPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 8.3 dialect builds exactly the 8.3 argv of the matrix, with backend options between {@code --} and the
 * command (spec drbd-commands.md §1, §5), and never the 8.4 forms its drbdadm eats (traps T1, T2).
 */
class Drbd83DialectTest {
    private final DrbdDialect dialect = DrbdDialect.drbd83();

    static Stream<DialectTable.Row> supportedRows() {
        return DialectTable.rows().stream().filter(r -> r.on83().check() != DialectTable.Check.UNSUPPORTED);
    }

    static Stream<DialectTable.Row> unsupportedRows() {
        return DialectTable.rows().stream().filter(r -> r.on83().check() == DialectTable.Check.UNSUPPORTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedRows")
    void everyOperationBuildsTheMatrixArgv(DialectTable.Row row) {
        List<List<String>> argvs =
                row.commands(dialect).stream().map(Command::argv).toList();

        assertThat(argvs).isEqualTo(row.on83().argvs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedRows")
    void rateMethodsOnlyEightFourHasAreRefusedNamingTheDialect(DialectTable.Row row) {
        assertThatThrownBy(() -> row.commands(dialect))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("DRBD 8.3")
                .hasMessageContaining(row.label().substring("temporaryResyncRate ".length()));
    }

    @Test
    void isNamedEightThreeWithApiEightyEight() {
        assertThat(dialect.name()).isEqualTo("8.3");
        assertThat(dialect.apiVersion()).isEqualTo(88);
        assertThat(dialect).hasToString("DRBD 8.3 userland dialect");
    }

    @Test
    void forcePromoteIsOverwriteDataOfPeerAndNeverForce() {
        // T1: drbdadm-83 takes --force as its own option and runs a plain "primary".
        List<String> argv = dialect.primaryOverwritingPeer("pc0").argv();

        assertThat(argv).containsExactly("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0");
        assertThat(argv).doesNotContain("--force", "-f");
    }

    @Test
    void forcedCreateMdPutsForceBetweenTheDashesAndTheCommand() {
        // T2: "create-md --force R" would not reach drbdmeta.
        assertThat(dialect.createMd("pc0", true).argv())
                .containsExactly("drbdadm", "--", "--force", "create-md", "pc0");
        assertThat(dialect.createMd("pc0", false).argv()).containsExactly("drbdadm", "create-md", "pc0");
    }

    @Test
    void guideRatePlanIsTheDirectSyncerCallAtAFixedRate() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, RATE, RateMethod.GUIDE);

        assertThat(plan.commands())
                .extracting(Command::argv)
                .containsExactly(List.of("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M"));
        assertThat(plan.expectedKiBps()).hasValue(RATE_KIBPS);
        assertThat(plan.explanation()).contains("1126400 KiB/s").contains("fixed-rate");
    }

    @Test
    void guideRatePlanAddressesTheGivenMinorsDevice() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("r7", 7, "250k", RateMethod.GUIDE);

        assertThat(plan.commands().get(0).argv()).containsExactly("drbdsetup", "/dev/drbd7", "syncer", "-r", "250k");
        assertThat(plan.expectedKiBps()).hasValue(250L);
        assertThat(plan.commands().get(0).timeout()).isEqualTo(DrbdDialect.DEFAULT_TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256, 1_000_000})
    void minorsOutsideEightThreesRangeAreRejected(int minor) {
        assertThatThrownBy(() -> dialect.temporaryResyncRate("pc0", minor, RATE, RateMethod.GUIDE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minor " + minor)
                .hasMessageContaining("0 to 255");
    }

    @ParameterizedTest
    @EnumSource(
            value = RateMethod.class,
            names = {"FIXED_RATE", "MAX_BUFFERS"})
    void fixedRateAndMaxBuffersAreUnsupported(RateMethod method) {
        assertThatThrownBy(() -> dialect.temporaryResyncRate("pc0", 0, RATE, method))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("resync rate method " + method + " cannot be expressed in the DRBD 8.3 userland dialect");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1100M -o", "--rate=1", "1100M\n", "1.5G"})
    void hostileRatesAreRejectedBeforeAnyCommandIsBuilt(String rate) {
        assertThatThrownBy(() -> dialect.temporaryResyncRate("pc0", 0, rate, RateMethod.GUIDE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rate ");
    }

    @Test
    void withTimeoutKeepsTheDialect() {
        DrbdDialect quick = dialect.withTimeout(Duration.ofSeconds(5));

        assertThat(quick.name()).isEqualTo("8.3");
        assertThat(quick.primaryOverwritingPeer("pc0").timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(quick.primaryOverwritingPeer("pc0").argv())
                .isEqualTo(dialect.primaryOverwritingPeer("pc0").argv());
    }
}
