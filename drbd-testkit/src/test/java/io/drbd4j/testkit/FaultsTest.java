package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Faults on demand (issue 7): each fault changes the state as drbd-state-machine §4 says and is logged. */
class FaultsTest {
    @Test
    void aCrashedHostRebootsWithDrbdDownAndRejoins() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().crash("be2");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.run("be2", "drbdadm", "up", "pc0").exitCode()).isEqualTo(255);
        p.cluster.faults().reboot("be2");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.events()).contains("fault: crash be2", "fault: reboot be2");
    }

    @Test
    void theSurvivingSecondaryOfALostPrimaryCanBeLeftStandAlone() {
        SimulatedDrbdCluster cluster = Scenarios.primaryLostMidSync(
                SimulatedDrbdCluster.builder()
                        .host("be1", "10.0.0.1", "8.4", "8.4.11")
                        .host("be2", "10.0.0.2", "8.4", "8.4.11"),
                Duration.ofSeconds(10));

        cluster.faults().leaveStandAlone("be2");

        assertThat(cluster.procDrbd("be2"))
                .contains(" 0: cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown   r-----");
        assertThat(cluster.eventLog()).anyMatch(e -> e.endsWith("fault: be2 left StandAlone"));
        cluster.faults().leaveStandAlone("be2");
        assertThat(cluster.procDrbd("be2")).contains("cs:StandAlone");
    }

    @Test
    void aFaultScheduledAtTheNthCommandStrikesJustBeforeIt() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().atCommand(2, () -> p.cluster.faults().partition());

        p.ok("be1", "drbdadm", "role", "pc0");
        assertThat(p.cluster.eventLog()).noneMatch(e -> e.endsWith("fault: partition"));
        CommandResult second = p.run("be2", "drbdadm", "cstate", "pc0");

        assertThat(second.stdoutText()).isEqualTo("WFConnection\n");
        assertThat(p.cluster.eventLog()).anyMatch(e -> e.endsWith("fault: partition"));
        assertThatThrownBy(() -> p.cluster.faults().atCommand(0, () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: 1 or more");
    }

    @Test
    void aHostGoneForGoodCannotBoot() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().crashForGood("be1");
        assertThat(p.cluster.faults().isGone("be1")).isTrue();
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown");
        assertThatThrownBy(() -> p.cluster.faults().reboot("be1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gone for good");
        assertThat(p.events()).contains("fault: crash be1 for good");
    }

    @Test
    void aPartitionSeparatesThePairAndHealReconnectsIt() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().partition();
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown");
        p.cluster.write("be1", 4096);
        p.cluster.faults().heal();
        BooleanSupplier synced =
                () -> p.node("be2").oosKiB() == 0 && p.state("be2").startsWith("cs:Connected");
        p.advanceUntil(synced, Duration.ofMinutes(5));
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThat(p.events()).contains("fault: partition", "fault: heal");
    }

    @Test
    void aDiskFailureOnTheConnectedPrimaryLeavesItDisklessOnThePeersData() {
        Pairs p = Pairs.of("8.4").synced();
        long current = p.node("be2").currentUuid();
        p.cluster.faults().diskFailure("be1");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:Diskless/UpToDate");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/Diskless");
        assertThat(p.node("be2").currentUuid()).isNotEqualTo(current);
        assertThat(p.cluster.eventLog()).anyMatch(e -> e.contains("be1: disk Failed (on-io-error detach)"));
        assertThat(p.run("be1", "drbdadm", "attach", "pc0").exitCode()).isNotZero();
    }

    @Test
    void aDiskFailureOnALonePrimaryCannotBeRefused() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().partition();
        p.cluster.faults().diskFailure("be1");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:Diskless/DUnknown");
    }

    @Test
    void aDiskFailureOnTheSecondaryShowsDisklessToThePrimary() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().diskFailure("be2");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:Diskless/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/Diskless");
        assertThatThrownBy(() -> p.cluster.faults().diskFailure("be2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHangingCommandTakesItsTimeoutOfSimulatedTimeAndRunsNothing() {
        Pairs p = Pairs.of("8.4").upFresh();
        p.cluster.faults().hangNext("be1", "drbdadm primary");
        Duration before = p.cluster.time().elapsed();
        Command primary = Command.of(Duration.ofSeconds(45), "drbdadm", "primary", "--force", "pc0");
        assertThatThrownBy(() -> p.cluster.runner("be1").run(primary))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("timed out after 45 s");
        assertThat(p.cluster.time().elapsed().minus(before)).isEqualTo(Duration.ofSeconds(45));
        assertThat(p.cluster.time().sleeps()).isEmpty();
        assertThat(p.state("be1")).contains("ro:Secondary/Secondary");
        p.forcePrimary("be1");
        assertThat(p.state("be1")).contains("ro:Primary/Secondary");
    }

    @Test
    void aFailingCommandAnswersTheGivenErrorOnce() {
        Pairs p = Pairs.of("8.4").upFresh();
        String stderr = "0: State change failed: (-2) Need access to UpToDate data\n";
        p.cluster.faults().failNext("be2", "drbdadm primary", 17, stderr);
        CommandResult status = p.run("be2", "cat", "/proc/drbd");
        assertThat(status.exitCode()).isZero();
        CommandResult failed = p.run("be2", "drbdadm", "primary", "--force", "pc0");
        assertThat(failed.exitCode()).isEqualTo(17);
        assertThat(failed.stderrText()).isEqualTo(stderr);
        assertThat(p.state("be2")).contains("ro:Secondary/Secondary");
        p.forcePrimary("be2");
        assertThat(p.cluster.eventLog())
                .anyMatch(e -> e.contains("be2: fails with exit code 17: drbdadm primary --force pc0"));
    }

    @Test
    void aScheduledCrashHappensWhenTheClockReachesIt() {
        Pairs p = Pairs.of("8.4").synced();
        Duration at = p.cluster.time().elapsed().plusMinutes(3);
        p.cluster.faults().at(at, () -> p.cluster.faults().crash("be1"));
        p.cluster.time().advance(Duration.ofMinutes(2));
        assertThat(p.node("be1").isPowered()).isTrue();
        p.cluster.time().advance(Duration.ofMinutes(1));
        assertThat(p.node("be1").isPowered()).isFalse();
        p.cluster.time().advance(Duration.ofMinutes(1));
        assertThat(p.cluster.eventLog())
                .filteredOn(e -> e.contains("fault: crash be1"))
                .hasSize(1);
    }

    @Test
    void aReplacementHostStartsBlankAndSyncsFromTheSurvivor() {
        Pairs p = Pairs.of("8.4").synced();
        p.cluster.faults().crash("be2");
        p.cluster.faults().replaceHost("be2", "be3", "10.0.0.3");
        assertThat(p.cluster.faults().isGone("be2")).isTrue();
        // The survivor's kernel keeps the lost host's address until its configuration names the new one (adjust).
        p.ok("be1", "drbdadm", "adjust", "pc0");
        assertThat(p.node("be3").hasMetadata()).isFalse();
        p.ok("be3", "drbdadm", "create-md", "pc0");
        p.ok("be3", "drbdadm", "up", "pc0");
        assertThat(p.state("be3")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        p.cluster.time().advance(Duration.ofMinutes(2));
        assertThat(p.state("be3")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
        assertThatThrownBy(() -> p.cluster.node("be2")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The kernel runs with the peer address it was given: after the peer is replaced by a host at another address,
     * the survivor keeps waiting at the old one ({@code drbdsetup show}) until a resource file naming the new one is
     * applied with {@code drbdadm adjust}; only then do they connect.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"8.4", "8.3"})
    void theSurvivorRunsWithTheLostPeersAddressUntilAdjustAppliesTheNewOne(String dialect) {
        Pairs p = Pairs.of(dialect).synced();
        String[] show = dialect.equals("8.4")
                ? new String[] {"drbdsetup", "show", "pc0"}
                : new String[] {"drbdsetup", "/dev/drbd0", "show"};
        assertThat(p.run("be1", show).stdoutText()).contains("_remote_host {", "ipv4 10.0.0.2:7788;");
        p.cluster.faults().crash("be2");
        p.cluster.faults().replaceHost("be2", "be3", "10.0.0.3");
        p.ok("be3", "drbdadm", "create-md", "pc0");
        p.ok("be3", "drbdadm", "up", "pc0");

        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown");
        assertThat(p.run("be1", show).stdoutText())
                .contains("ipv4 10.0.0.2:7788;")
                .doesNotContain("10.0.0.3");

        p.run("be1", "mkdir", "-p", "/var/opt/opscode/drbd/etc");
        p.cluster
                .runner("be1")
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(5))
                        .addArgv("tee", "/var/opt/opscode/drbd/etc/pc0.res")
                        .stdin(("resource pc0 {\n  on be1 {\n    address 10.0.0.1:7788;\n  }\n"
                                        + "  on be3 {\n    address 10.0.0.3:7788;\n  }\n}\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .build());
        p.ok("be1", "drbdadm", "adjust", "pc0");

        assertThat(p.run("be1", show).stdoutText()).contains("ipv4 10.0.0.3:7788;");
        assertThat(p.state("be3")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
    }
}
