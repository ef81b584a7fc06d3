package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The topology's own check: a wrong value is refused with what was seen and what is expected, never a crash. */
class ChefHaClusterCheckTest {
    private static final CommandRunner NOTHING_RUNS = command -> CommandResult.of(command, 0, "", "");

    private static ChefHaCluster.Builder pair() {
        return ChefHaCluster.builder()
                .addBackend(Backend.of("be1", "10.0.0.1", NOTHING_RUNS))
                .addBackend(Backend.of("be2", "10.0.0.2", NOTHING_RUNS))
                .keeper("be1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/sdb", "/dev/drbd", "/dev/drb", "", "/dev/drbd0x", "/dev/drbd-1", "/dev/drbd12345678"})
    void aDeviceThatIsNotDrbdsIsRefusedByNameBeforeItsMinorIsRead(String device) {
        assertThatThrownBy(() -> pair().device(device).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device \"" + device + "\" (expected: /dev/drbdN)");
    }

    @Test
    void theMinorComesFromTheDevice() {
        assertThat(pair().build().minor()).isZero();
        assertThat(pair().device("/dev/drbd12").build().minor()).isEqualTo(12);
    }
}
