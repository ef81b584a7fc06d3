package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.engine.Secrets;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.RedactingCommandRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String DRBD = "drbd-secret-4e0c9a";
    private static final String VRRP = "vrrp-pass-77d1";
    private static final String RES_ONLY = "res-only-secret-19af";

    @Test
    void learnsEverySecretsFileValueAndTheResourceFilesSharedSecretOnEitherBackend() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").build(), "8.4");
        PrepareTest.seed(
                pair,
                "/etc/opscode/private-chef-secrets.json",
                "{\"drbd\":{\"shared_secret\":\"" + DRBD + "\"},\"keepalived\":{\"vrrp_instance_password\":\"" + VRRP
                        + "\",\"short\":\"abc\"}}\n");
        pair.sim.runner("be2").run(Command.of(Duration.ofSeconds(5), "mkdir", "-p", "/var/opt/opscode/drbd/etc"));
        pair.sim
                .runner("be2")
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(5))
                        .addArgv("tee", "/var/opt/opscode/drbd/etc/pc0.res")
                        .stdin(("resource pc0 {\n  net {\n    shared-secret \"" + RES_ONLY + "\";\n  }\n}\n")
                                .getBytes(StandardCharsets.UTF_8))
                        .build());

        Secrets.learn(pair.cluster);

        assertThat(pair.cluster.redactor().knows(DRBD)).isTrue();
        assertThat(pair.cluster.redactor().knows(VRRP)).isTrue();
        assertThat(pair.cluster.redactor().knows(RES_ONLY)).isTrue();
        assertThat(pair.cluster.redactor().knows("abc")).isFalse();
        // Known now, each is hidden where no pattern would find it: a bare value on stdout.
        CommandResult echoed = pair.cluster
                .backend("be1")
                .runner()
                .run(Command.of(Duration.ofSeconds(5), "cat", "/etc/opscode/private-chef-secrets.json"));
        assertThat(echoed.stdoutText()).isEqualTo("<redacted>\n");
    }

    @Test
    void everyBackendRunnerRedactsWithTheClustersOneRedactor() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").build(), "8.4");

        assertThat(pair.cluster.backends()).allSatisfy(b -> assertThat(b.runner())
                .isInstanceOfSatisfying(RedactingCommandRunner.class, r -> assertThat(r.redactor())
                        .isSameAs(pair.cluster.redactor())));
        assertThat(ChefHaCluster.builder()
                        .from(pair.cluster)
                        .pollInterval(Duration.ofSeconds(1))
                        .build()
                        .redactor())
                .isSameAs(pair.cluster.redactor());
    }

    @Test
    void damagedSecretsFileIsRegisteredWholeWithTheValuesBeforeTheDamage() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").build(), "8.4");
        String damaged = "{\"drbd\":{\"shared_secret\":\"" + DRBD + "\"},\"keepalived\":{\"vrrp\": nope-" + VRRP;

        Secrets.register(
                pair.cluster, "/etc/opscode/private-chef-secrets.json", damaged.getBytes(StandardCharsets.UTF_8));

        assertThat(pair.cluster.redactor().knows(damaged)).isTrue();
        assertThat(pair.cluster.redactor().knows(DRBD)).isTrue();
        assertThat(pair.cluster.redactor().knows(VRRP)).isFalse();
    }

    @Test
    void secretsFileNestedTooDeeplyIsRegisteredWholeOnly() {
        SimPair pair = SimPair.of(SimPair.builder("8.4").build(), "8.4");
        String deep = "[".repeat(1000) + "\"" + DRBD + "\"" + "]".repeat(1000);

        Secrets.register(pair.cluster, "/etc/opscode/private-chef-secrets.json", deep.getBytes(StandardCharsets.UTF_8));

        assertThat(pair.cluster.redactor().knows(deep)).isTrue();
        assertThat(pair.cluster.redactor().knows(DRBD)).isFalse();
    }
}
