package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.exec.runner.Command;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** W9 where one backend's Chef setup never finished: no cluster.sh for master-recover or backup-recover to run. */
class SplitBrainRecoverySetupTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"8.4,be1", "8.4,be2", "8.3,be1", "8.3,be2"})
    void finishesChefSetupOnABackendWithoutClusterShBeforeItsRecoverCommand(String dialect, String keep) {
        SplitBrainPair sb = SplitBrainPair.secondaryNeverJoined(dialect, dir.resolve("setup.jsonl"));
        SimPair pair = sb.keeping(keep);
        assertThat(clusterShExists(pair, "be2")).isFalse();
        SplitBrainPair.Listener listener = new SplitBrainPair.Listener(pair);

        SplitBrainRecovery.of(pair.cluster, keep, SplitBrainRecoveryTest.CONFIRMATION)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        if (keep.equals("be2")) {
            assertThat(listener.started)
                    .containsSubsequence("wait-sync", "ready-keeper", "finish-setup-keeper", "backup-recover-victim")
                    .doesNotContain("finish-setup-victim");
        } else {
            assertThat(listener.started)
                    .containsSubsequence("wait-sync", "finish-setup-victim")
                    .doesNotContain("ready-keeper", "finish-setup-keeper");
        }
        assertThat(clusterShExists(pair, "be2")).isTrue();
        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).as("%s", status).isTrue();
        assertThat(status.backend(keep).clusterStatus()).hasValue("master");
        assertThat(status.backend(SplitBrainPair.other(keep)).clusterStatus()).hasValue("backup");
        assertThat(pair.sim.holds(keep, sb.written(keep))).isTrue();
        assertThat(pair.sim.holds(SplitBrainPair.other(keep), sb.written(keep))).isTrue();
    }

    private static boolean clusterShExists(SimPair pair, String host) {
        return pair.sim
                .runner(host)
                .run(Command.of(Duration.ofSeconds(5), "test", "-e", ChefServices.CLUSTER_SH))
                .succeeded();
    }
}
