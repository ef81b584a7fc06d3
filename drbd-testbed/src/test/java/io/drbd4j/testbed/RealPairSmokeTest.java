package io.drbd4j.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("real-drbd")
class RealPairSmokeTest {
    @Test
    void bootsTwoHostsWithTheKernelsDrbd84AndTheyConnectOverTheirOwnLink() {
        try (RealDrbdPair pair = RealPairs.start(RealDrbdPair.builder().backingSize(32L << 20))) {
            assertThat(pair.hosts()).containsExactly("be1", "be2");
            ProcDrbdStatus idle = ProcDrbdParser.strict().parse(pair.procDrbd("be1"));
            assertThat(idle.version().orElseThrow().release()).isEqualTo("8.4.11");

            pair.configureDrbd();
            for (String host : pair.hosts()) {
                RealPairs.ok(pair, host, "drbdadm", "create-md", "--force", "pc0");
                RealPairs.ok(pair, host, "drbdadm", "up", "pc0");
            }
            DeviceStatus be1 = awaitConnected(pair, "be1");

            assertThat(be1.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(pair.sshConnections("be1"))
                    .as("one shared connection per boot")
                    .isEqualTo(1);
        }
    }

    private static DeviceStatus awaitConnected(RealDrbdPair pair, String host) {
        for (int i = 0; i < 60; i++) {
            DeviceStatus d =
                    ProcDrbdParser.strict().parse(pair.procDrbd(host)).devices().get(0);
            if (d.connectionState() == ConnectionState.CONNECTED) {
                return d;
            }
            RealPairs.ok(pair, host, "sleep", "1");
        }
        throw new AssertionError(host + " never connected: " + new String(pair.procDrbd(host), StandardCharsets.UTF_8));
    }
}
