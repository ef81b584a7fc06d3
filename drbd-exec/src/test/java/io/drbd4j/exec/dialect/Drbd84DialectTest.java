package io.drbd4j.exec.dialect;

import static io.drbd4j.exec.dialect.DialectTable.RATE;
import static io.drbd4j.exec.dialect.DialectTable.RATE_KIBPS;
import static io.drbd4j.exec.dialect.DialectTable.adm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The 8.4 dialect builds exactly the 8.4 argv of the matrix (spec drbd-commands.md §1, §5). */
class Drbd84DialectTest {
    private final DrbdDialect dialect = DrbdDialect.drbd84();

    static Stream<DialectTable.Row> rows() {
        return DialectTable.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyOperationBuildsTheMatrixArgv(DialectTable.Row row) {
        List<List<String>> argvs =
                row.commands(dialect).stream().map(Command::argv).toList();

        assertThat(argvs).isEqualTo(row.on84().argvs());
    }

    @Test
    void isNamedEightFourWithApiOne() {
        assertThat(dialect.name()).isEqualTo("8.4");
        assertThat(dialect.apiVersion()).isEqualTo(1);
        assertThat(dialect).hasToString("DRBD 8.4 userland dialect");
    }

    @Test
    void forcePromoteIsPrimaryForceWithTheOptionBeforeTheResource() {
        assertThat(dialect.primaryOverwritingPeer("pc0").argv())
                .containsExactly("drbdadm", "primary", "--force", "pc0");
    }

    @Test
    void newCurrentUuidAddressesVolumeZero() {
        assertThat(dialect.newCurrentUuidClearBitmap("r1").argv())
                .containsExactly("drbdadm", "new-current-uuid", "--clear-bitmap", "r1/0");
    }

    @Test
    void guideRatePlanLeavesTheRateToTheDynamicController() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, RATE, RateMethod.GUIDE);

        assertThat(plan.commands())
                .extracting(Command::argv)
                .containsExactly(adm("disk-options", "--resync-rate=1100M", "pc0"));
        assertThat(plan.expectedKiBps()).isEmpty();
        assertThat(plan.explanation()).contains("dynamic resync controller").contains("40960 KiB/s");
    }

    @Test
    void fixedRatePlanIsCappedAtFortyMebibytesByTheDefaultMaxBuffers() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, RATE, RateMethod.FIXED_RATE);

        // 20 KiB/s per buffer × the default max-buffers 2048 (drbd-state-machine.md correction 3).
        assertThat(plan.expectedKiBps()).hasValue(40_960L);
        assertThat(plan.explanation())
                .contains(RATE_KIBPS + " KiB/s")
                .contains("2048")
                .contains("raise max-buffers as well (net-options --max-buffers)");
    }

    @Test
    void fixedRatePlanBelowTheCapExpectsTheRateItself() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, "30M", RateMethod.FIXED_RATE);

        assertThat(plan.commands())
                .extracting(Command::argv)
                .containsExactly(adm("disk-options", "--c-plan-ahead=0", "--resync-rate=30M", "pc0"));
        assertThat(plan.expectedKiBps()).hasValue(30_720L);
    }

    @Test
    void maxBuffersPlanRaisesTheBuffersFarEnoughForTheWholeRate() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, RATE, RateMethod.MAX_BUFFERS);

        assertThat(plan.commands())
                .extracting(Command::argv)
                .containsExactly(
                        adm("net-options", "--max-buffers=56320", "pc0"),
                        adm("disk-options", "--c-plan-ahead=0", "--resync-rate=1100M", "pc0"));
        assertThat(plan.expectedKiBps()).hasValue(RATE_KIBPS);
        assertThat(plan.explanation()).contains("max-buffers 56320").contains("1126400 KiB/s");
    }

    @Test
    void maxBuffersPlanNeverLowersTheBuffersBelowTheDefault() {
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, "10M", RateMethod.MAX_BUFFERS);

        assertThat(plan.commands().get(0).argv())
                .containsExactly("drbdadm", "net-options", "--max-buffers=2048", "pc0");
        assertThat(plan.expectedKiBps()).hasValue(10_240L);
    }

    @Test
    void maxBuffersPlanStopsAtDrbdsetupsLargestMaxBuffers() {
        // drbdsetup-84 help net-options: --max-buffers=(32 ... 131072).
        ResyncRatePlan plan = dialect.temporaryResyncRate("pc0", 0, "4G", RateMethod.MAX_BUFFERS);

        assertThat(plan.commands().get(0).argv()).contains("--max-buffers=131072");
        assertThat(plan.expectedKiBps()).hasValue(20L * 131_072);
    }

    @Test
    void ratesAreReadAsDrbdsetupReadsThemInKibibytesPerSecond() {
        assertThat(Drbd84Dialect.kiBps("1100M")).isEqualTo(1_126_400L);
        assertThat(Drbd84Dialect.kiBps("250k")).isEqualTo(250L);
        assertThat(Drbd84Dialect.kiBps("250K")).isEqualTo(250L);
        assertThat(Drbd84Dialect.kiBps("4096")).isEqualTo(4_096L);
        assertThat(Drbd84Dialect.kiBps("1G")).isEqualTo(1_048_576L);
        assertThat(Drbd84Dialect.kiBps("2g")).isEqualTo(2_097_152L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1100M --force", "-1", "1100M;reboot", "1100X", "", "1100 M", "$(reboot)"})
    void hostileRatesAreRejectedBeforeAnyCommandIsBuilt(String rate) {
        for (RateMethod method : RateMethod.values()) {
            assertThatThrownBy(() -> dialect.temporaryResyncRate("pc0", 0, rate, method))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate");
        }
    }

    @Test
    void everyCommandCarriesTheDialectsTimeoutAndTheCLocale() {
        DrbdDialect slow = dialect.withTimeout(Duration.ofMinutes(10));

        for (DialectTable.Row row : DialectTable.rows()) {
            for (Command c : row.commands(slow)) {
                assertThat(c.timeout()).as(row.label()).isEqualTo(Duration.ofMinutes(10));
                assertThat(c.environment()).as(row.label()).isEqualTo(Map.of("LC_ALL", "C"));
            }
            for (Command c : row.commands(dialect)) {
                assertThat(c.timeout()).as(row.label()).isEqualTo(Duration.ofSeconds(120));
            }
        }
        assertThat(slow.name()).isEqualTo("8.4");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> dialect.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: positive");
    }
}
