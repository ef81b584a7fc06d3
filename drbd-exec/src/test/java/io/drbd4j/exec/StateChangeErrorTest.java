package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.dialect.Recorded;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * drbdsetup's reasons ({@code print_config_error}, the same table in 8.3 and 8.4): {@code State change failed:
 * (-N) text} for a refused state change and {@code Failure: (1xx) text} for a kernel error (spec
 * drbd-commands.md §3b).
 */
class StateChangeErrorTest {
    @Test
    void aRefusedPromotionNeedsUpToDateData() {
        StateChangeError e = StateChangeError.parse(Recorded.text("stderr/84-primary-exit17-no-uptodate-data.txt"))
                .orElseThrow();

        assertThat(e.code()).isEqualTo(-2);
        assertThat(e.message()).isEqualTo("Need access to UpToDate data");
        assertThat(e.reason()).hasValue(StateChangeError.Reason.NO_UP_TO_DATE_DISK);
        assertThat(e.isKernelFailure()).isFalse();
        assertThat(e).hasToString("(-2) Need access to UpToDate data");
    }

    @Test
    void aKernelFailureHasACodeOfAHundredOrMoreAndNoStateReason() {
        StateChangeError e = StateChangeError.parse(Recorded.text("stderr/84-connect-exit10-unknown-resource.txt"))
                .orElseThrow();

        assertThat(e.code()).isEqualTo(158);
        assertThat(e.message()).isEqualTo("Unknown resource");
        assertThat(e.isKernelFailure()).isTrue();
        assertThat(e.reason()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0: State change failed: (-1) Multiple primaries not allowed by config|-1|TWO_PRIMARIES",
                "0: State change failed: (-7) Refusing to be Primary while peer is not outdated|-7|PRIMARY_NOP",
                "0: State change failed: (-12) Device is held open by someone|-12|DEVICE_IN_USE",
                "0: State change failed: (-9) Can not disconnect a StandAlone device|-9|ALREADY_STANDALONE",
                "0: State change failed: (-10) State change was refused by peer node|-10|REFUSED_BY_PEER",
                "0: State change failed: (-15) Need a connection to start verify or resync|-15|NEED_CONNECTION",
                "0: State change failed: (-14) Need a verify algorithm to start online verify|-14|NO_VERIFY_ALG",
                "0: State change failed: (-6) Refusing to be Outdated while Connected|-6|CONNECTED_OUTDATES",
                "0: State change failed: (-16) Disk state is lower than outdated|-16|LOWER_THAN_OUTDATED",
                "0: State change failed: (-4) Can not resync without local disk|-4|NO_LOCAL_DISK",
                "0: State change failed: (-18) In transient state, retry after next state"
                        + " change|-18|IN_TRANSIENT_STATE",
                "0: State change failed: (0)unknown error.|0|UNKNOWN_ERROR"
            })
    void theSpecsStateChangeTextsMapToTheirReasons(String line, int code, StateChangeError.Reason reason) {
        StateChangeError e = StateChangeError.parse(line + "\n").orElseThrow();

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).hasValue(reason);
        assertThat(reason.code()).isEqualTo(code);
        assertThat(line).endsWith(e.message());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0: Failure: (127) Device minor not allocated|127|Device minor not allocated",
                "r0: Failure: (162) Invalid configuration request|162|Invalid configuration request",
                "0: Failure: (104) Can not open backing device.|104|Can not open backing device.",
                "0: Failure: (124) Device is attached to a disk (use detach first)|124|Device is attached to a disk"
                        + " (use detach first)",
                "0: Failure: (125) Device has a net-config (use disconnect first)|125|Device has a net-config (use"
                        + " disconnect first)",
                "0: Failure: (151) Need to be StandAlone|151|Need to be StandAlone",
                "pc0: Failure: (102) Local address(port) already in use.|102|Local address(port) already in use."
            })
    void theSpecsKernelFailuresKeepCodeAndText(String line, int code, String message) {
        StateChangeError e = StateChangeError.parse(line).orElseThrow();

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.message()).isEqualTo(message);
        assertThat(e.isKernelFailure()).isTrue();
    }

    @Test
    void theFirstReasonLineWinsAfterNoise() {
        String stderr = "sh: 1: modinfo: not found\nadditional info from kernel:\n"
                + "0: State change failed: (-7) Refusing to be Primary while peer is not outdated\n"
                + "0: State change failed: (-2) Need access to UpToDate data\n";

        assertThat(StateChangeError.parse(stderr).map(StateChangeError::code)).hasValue(-7);
    }

    @Test
    void anUnknownNegativeCodeKeepsItsCodeWithoutAReason() {
        StateChangeError e = StateChangeError.parse("0: State change failed: (-25) Something new\n")
                .orElseThrow();

        assertThat(e.code()).isEqualTo(-25);
        assertThat(e.reason()).isEmpty();
        assertThat(e.isKernelFailure()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "stderr/84-role-exit20-module-missing.txt",
                "stderr/83-role-exit20-module-missing.txt",
                "stderr/84-primary-exit1-unknown-resource.txt",
                "stderr/83-connect-exit20-unrecognized-option.txt",
                "stderr/dump-md-exit1-no-valid-meta-data.txt"
            })
    void stderrWithoutAStateLineHasNoReason(String recorded) {
        assertThat(StateChangeError.parse(Recorded.text(recorded))).isEmpty();
    }

    @Test
    void aCodeTooLargeForAnIntIsNotAReason() {
        assertThat(StateChangeError.parse("0: Failure: (99999999999) x\n")).isEqualTo(Optional.empty());
        assertThat(StateChangeError.parse("")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StateChangeError.Reason.class)
    void everyReasonHasADistinctCodeOfZeroOrBelow(StateChangeError.Reason reason) {
        assertThat(reason.code()).isLessThanOrEqualTo(0);
        assertThat(Arrays.stream(StateChangeError.Reason.values()).filter(r -> r.code() == reason.code()))
                .containsExactly(reason);
    }
}
