package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.runner.Command;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Workflow safety: HaStatus.healthy holds G-KA and G-SVC, the forced promotion runs only on the backend the Chef
 * configuration names as bootstrap, and a rate method one backend's dialect lacks is a typed refusal.
 */
class HealthBootDialectTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aSecondaryWithDrbdReadyThatWasNeverReconfiguredIsNotHealthy(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        ProgressListener stopBeforeReconfigure =
                CrashHarness.dieWhenStarting("reconfigure-secondary", "stopped before be2's reconfigure");
        assertThatThrownBy(() -> pair.failoverSetup().run(stopBeforeReconfigure, Journal.at(dir.resolve("s.jsonl"))))
                .hasMessageContaining("before be2's reconfigure");

        HaStatus status = HaStatus.read(pair.cluster);

        assertThat(status.backend("be2").ready()).isTrue();
        assertThat(status.backend("be2").drbdWords()).isEqualTo("Connected Secondary/Primary UpToDate/UpToDate");
        assertThat(status.healthy()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aMasterWhoseChefServicesAreDownIsNotHealthy(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        pair.failoverSetup().run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl")));
        assertThat(HaStatus.read(pair.cluster).healthy()).isTrue();

        pair.sim.runner("be1").run(Command.of(Duration.ofMinutes(1), "chef-server-ctl", "stop", "postgresql"));

        HaStatus status = HaStatus.read(pair.cluster);
        assertThat(status.backend("be1").haServices()).containsEntry("postgresql", false);
        assertThat(status.backend("be1").clusterStatus()).hasValue("master");
        assertThat(status.healthy()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void theForcedPromotionRunsOnlyOnTheBootstrapTheConfigurationNames(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        PrepareTest.seed(
                pair,
                "/etc/opscode/chef-server.rb",
                "topology \"ha\"\nserver \"be1\", :ipaddress => \"10.0.0.1\", :role => \"backend\"\n"
                        + "server \"be2\", :ipaddress => \"10.0.0.2\", :role => \"backend\", :bootstrap => true\n");

        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> pair.failoverSetup()
                .run(ProgressListener.none(), Journal.at(dir.resolve("setup.jsonl"))));

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.REFUSED);
        assertThat(e.step()).isEqualTo("force-primary");
        assertThat(e.seen())
                .isEqualTo("/etc/opscode/chef-server.rb on be1 names be2 as the bootstrap backend (:bootstrap =>"
                        + " true)");
        assertThat(pair.sim.procDrbd("be1")).contains("ro:Secondary/Secondary ds:Inconsistent/Inconsistent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void aRateMethodTheSecondarysDialectLacksIsATypedRefusal(String dialect) {
        SimPair pair = SimPair.fresh(dialect);
        ChefHaCluster mixed = ChefHaCluster.builder()
                .addBackend(Backend.builder()
                        .name("be1")
                        .address("10.0.0.1")
                        .runner(pair.sim.runner("be1"))
                        .dialect(DrbdDialect.drbd84())
                        .build())
                .addBackend(Backend.builder()
                        .name("be2")
                        .address("10.0.0.2")
                        .runner(pair.sim.runner("be2"))
                        .dialect(DrbdDialect.drbd83())
                        .build())
                .keeper("be1")
                .rateMethod(RateMethod.MAX_BUFFERS)
                .sleeper(pair.sim.time())
                .build();

        WorkflowException e = catchThrowableOfType(
                WorkflowException.class, () -> FailoverSetup.workflow(mixed).plan());

        assertThat(e.reason()).isEqualTo(WorkflowException.Reason.UNSUPPORTED);
        assertThat(e.step()).isEqualTo("raise-resync-rate");
        assertThat(e.host()).hasValue("be2");
        assertThat(e.advice()).contains("leave ChefHaCluster.rateMethod empty");
    }
}
