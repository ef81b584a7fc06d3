package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** drbdadm's and drbdsetup's exit codes (spec drbd-commands.md §3a, §3b; drbd-utils user/shared/shared_main.h). */
class ExitClassTest {
    @ParameterizedTest
    @CsvSource({
        "0, SUCCESS",
        "1, USAGE",
        "3, USAGE",
        "2, CONFIG_SYNTAX",
        "5, LOWER_THAN_OUTDATED",
        "10, CONFIG",
        "11, STATE_REFUSED",
        "16, NO_DISK",
        "17, NO_UP_TO_DATE_DATA",
        "20, MODULE_OR_EXEC"
    })
    void eachDocumentedCodeHasItsClass(int exitCode, ExitClass expected) {
        assertThat(ExitClass.of(exitCode)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "drbdadm dump-md pc0, DRBDMETA_FAILED",
        "drbdadm create-md --force pc0, DRBDMETA_FAILED",
        "drbdadm -- --force create-md pc0, DRBDMETA_FAILED",
        "drbdadm apply-al pc0, DRBDMETA_FAILED",
        "drbdmeta 0 v08 /dev/loop7 internal dump-md, DRBDMETA_FAILED",
        "drbdadm up pc0, USAGE",
        "drbdadm primary pc0, USAGE"
    })
    void exitOneOfADrbdmetaCommandIsDrbdmetasCatchAllFailure(String argv, ExitClass expected) {
        // drbdmeta.c main: "return !!rv", so every meta_* command that returns -1 exits 1
        Command command = Command.of(Duration.ofSeconds(1), argv.split(" "));
        assertThat(ExitClass.of(command, 1)).isEqualTo(expected);
        assertThat(ExitClass.of(command, 20)).isEqualTo(ExitClass.MODULE_OR_EXEC);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, 12, 40, 42, 127, 255})
    void anythingElseIsOther(int exitCode) {
        // 42 is drbdadm's internal-bug code, 40 drbdmeta's "Operation refused": neither has a retry policy here.
        assertThat(ExitClass.of(exitCode)).isEqualTo(ExitClass.OTHER);
    }
}
