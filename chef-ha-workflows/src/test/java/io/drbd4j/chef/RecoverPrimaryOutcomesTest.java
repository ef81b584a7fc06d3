package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, class 8: outcomes, not proxies. keepalived promoted the survivor before the operator started the
 * recovery; "survivor Primary" used to stand for "new configuration applied", so the new chef-server.rb never reached
 * the survivor, its pc0.res kept naming the lost host, and the replacement could never connect.
 */
class RecoverPrimaryOutcomesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aSurvivorThatKeepalivedPromotedStillGetsTheNewConfigurationRenderedAndAdjusted(String dialect) {
        SimPair pair = LostPrimary.midSync(dialect, 1001, dir.resolve("setup.jsonl"));
        // keepalived on be2 heard no master any more and ran cluster.sh master: Primary, mounted, serving.
        assertThat(pair.sim
                        .runner("be2")
                        .run(Command.of(Duration.ofMinutes(5), "chef-server-ctl", "master-recover"))
                        .succeeded())
                .isTrue();
        assertThat(HaStatus.read(pair.cluster).backend("be2").drbdWords())
                .isEqualTo("WFConnection Primary/Unknown UpToDate/DUnknown");
        RecoverPrimaryTest.Listener listener = new RecoverPrimaryTest.Listener(pair);

        RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow()
                .run(listener, Journal.at(dir.resolve("recover.jsonl")));

        assertThat(listener.events).contains("configure-survivor", "reconfigure-survivor", "adjust-survivor");
        assertThat(PrepareTest.cat(pair, "be2", "/etc/opscode/chef-server.rb"))
                .isEqualTo(new String(LostPrimary.NEW_CONFIG, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(PrepareTest.cat(pair, "be3", "/etc/opscode/chef-server.rb"))
                .isEqualTo(new String(LostPrimary.NEW_CONFIG, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(PrepareTest.cat(pair, "be2", "/var/opt/opscode/drbd/etc/pc0.res"))
                .contains("on be3 {", "address 10.0.0.3:7788;")
                .doesNotContain("on be1 {");
        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.healthy()).isTrue();
        assertThat(status.backend("be3").drbdWords()).isEqualTo("Connected Secondary/Primary UpToDate/UpToDate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aResumeSkipsTheConfigurationStepsByWhatTheFilesHoldNotByTheSurvivorsRole(String dialect) {
        SimPair pair = LostPrimary.midSync(dialect, 1001, dir.resolve("setup.jsonl"));
        Journal journal = Journal.at(dir.resolve("recover.jsonl"));
        Workflow recovery = RecoverPrimary.of(pair.cluster, LostPrimary.BE1_GONE)
                .withConfiguration(LostPrimary.NEW_CONFIG)
                .workflow();
        try {
            recovery.run(CrashHarness.dieWhenStarting("promote-survivor", "killed"), journal);
        } catch (IllegalStateException expected) {
            // the process died right before the promotion
        }
        RecoverPrimaryTest.Listener listener = new RecoverPrimaryTest.Listener(pair);

        recovery.resume(listener, journal);

        // chef-server.rb and pc0.res hold the new configuration: no step writes or renders it again.
        assertThat(listener.events).doesNotContain("configure-survivor", "reconfigure-survivor");
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();
    }
}
