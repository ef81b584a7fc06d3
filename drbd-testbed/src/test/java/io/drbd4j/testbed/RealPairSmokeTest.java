package io.drbd4j.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.dialect.DrbdDialect;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** README's "Testing against a real DRBD pair" example, kept here so that it stays true. */
@Tag("real-drbd")
class RealPairSmokeTest {
    @Test
    void readmeExampleBootsTwoHostsWithTheKernelsDrbd84AndCrashesOne() {
        try (RealDrbdPair pair = RealPairs.start(RealDrbdPair.builder().backingSize(64L << 20))) { // be1 and be2
            pair.configureDrbd(); // Chef's pc0 on /dev/drbd0, both hosts
            DrbdAdm be1 = new CliDrbdAdm(pair.runner("be1"), DrbdDialect.drbd84()); // ssh, one shared connection
            be1.createMd("pc0", true);
            be1.up("pc0");
            pair.faults().crash("be2"); // the same faults as SimulatedDrbdCluster's

            assertThat(pair.hosts()).containsExactly("be1", "be2");
            assertThat(ProcDrbdParser.strict()
                            .parse(pair.procDrbd("be1"))
                            .version()
                            .orElseThrow()
                            .release())
                    .isEqualTo("8.4.11");
            assertThat(be1.cstate("pc0")).containsExactly(ConnectionState.WF_CONNECTION);
            assertThat(pair.sshConnections("be1"))
                    .as("one shared connection per boot")
                    .isEqualTo(1);
            assertThat(pair.commandsRun("be1")).isGreaterThanOrEqualTo(6);
        }
    }
}
