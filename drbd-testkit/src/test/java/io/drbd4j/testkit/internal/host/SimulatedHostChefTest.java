package io.drbd4j.testkit.internal.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testkit.internal.Outcome;
import org.junit.jupiter.api.Test;

class SimulatedHostChefTest {
    private static final String DATA = SimulatedHost.DRBD_MOUNT;

    private final FakeGate gate = new FakeGate();
    private final SimulatedHost host = new SimulatedHost("be1", gate);

    SimulatedHostChefTest() {
        host.addDevice("/dev/drbd0", 8L << 20);
        gate.primary = true;
        host.run("mkfs.ext4", "-q", "/dev/drbd0");
        gate.primary = false;
        host.run("mkdir", "-p", DATA);
    }

    private String cat(String path) {
        return host.run("cat", path).stdout();
    }

    /** Chef's setup finished here: drbd_ready and a reconfigure, which writes cluster.sh (backup: not Primary). */
    private void reconfigured() {
        host.run("touch", SimulatedHost.DRBD_READY);
        assertThat(host.run("chef-server-ctl", "reconfigure").exitCode()).isZero();
    }

    @Test
    void reconfigureWaitsForDrbdReady() {
        Outcome waiting = host.run("chef-server-ctl", "reconfigure");
        assertThat(waiting.exitCode()).isEqualTo(ChefServerCtl.TIMED_OUT);
        assertThat(waiting.stdout()).contains("Press CTRL-C to abort");
        assertThat(host.chef().running("keepalived")).isFalse();

        host.run("touch", SimulatedHost.DRBD_READY);
        assertThat(host.run("chef-server-ctl", "reconfigure")).isEqualTo(Outcome.ok("Chef Server Reconfigured!\n"));
        assertThat(host.chef().running("keepalived")).isTrue();
    }

    @Test
    void firstReconfigureOnTheMountedPrimaryMakesItMaster() {
        gate.primary = true;
        host.run("mount", "/dev/drbd0", DATA);
        host.run("touch", SimulatedHost.DRBD_READY);
        assertThat(host.run("chef-server-ctl", "reconfigure").exitCode()).isZero();
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("master\n");
        assertThat(ChefServerCtl.HA_SERVICES).allMatch(host.chef()::running);
    }

    @Test
    void firstReconfigureOnASecondaryMakesItBackupAndLaterOnesKeepTheRole() {
        host.run("touch", SimulatedHost.DRBD_READY);
        host.run("chef-server-ctl", "reconfigure");
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("backup\n");
        assertThat(ChefServerCtl.HA_SERVICES).noneMatch(host.chef()::running);
        assertThat(ChefServerCtl.OTHER_SERVICES).allMatch(host.chef()::running);
        gate.primary = true;
        host.run("mount", "/dev/drbd0", DATA);
        host.run("chef-server-ctl", "reconfigure");
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("backup\n");
    }

    @Test
    void timeoutRunsTheCommandAndReconfigureAnswersLikeTimeoutWhenStuck() {
        Outcome stuck = host.run("timeout", "-k", "10", "90", "chef-server-ctl", "reconfigure");
        assertThat(stuck.exitCode()).isEqualTo(124);
        assertThat(stuck.stdout()).contains("Press CTRL-C to abort");
        assertThat(host.run("timeout", "5", "touch", "/tmp/x").exitCode()).isZero();
        assertThat(host.run("test", "-e", "/tmp/x").exitCode()).isZero();
        assertThat(host.run("timeout", "five", "touch", "/tmp/x").exitCode()).isEqualTo(2);
    }

    @Test
    void aPowerLossEndsMountsAndServicesAndBootStartsOnlyKeepalivedAndTheOthers() {
        gate.primary = true;
        host.run("mount", "/dev/drbd0", DATA);
        host.run("touch", SimulatedHost.DRBD_READY);
        host.run("chef-server-ctl", "reconfigure");
        assertThat(host.chef().running("postgresql")).isTrue();

        host.powerOff();
        assertThat(host.mounts()).isEmpty();
        assertThat(host.chef().running("keepalived")).isFalse();
        assertThat(host.chef().running("nginx")).isFalse();

        host.boot();
        assertThat(host.chef().running("keepalived")).isTrue();
        assertThat(host.chef().running("nginx")).isTrue();
        assertThat(host.chef().running("postgresql")).isFalse();
        assertThat(host.run("test", "-e", SimulatedHost.DRBD_READY).exitCode()).isZero();
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("master\n");
    }

    @Test
    void drbdReadyOnTheDrbdFilesystemDoesNotCountWhileUnmounted() {
        gate.primary = true;
        host.run("mount", "/dev/drbd0", DATA);
        host.run("umount", DATA);
        assertThat(host.run("test", "-e", SimulatedHost.DRBD_READY).exitCode()).isEqualTo(1);
        assertThat(host.run("chef-server-ctl", "reconfigure").exitCode()).isEqualTo(ChefServerCtl.TIMED_OUT);
    }

    @Test
    void startNeedsTheDrbdMountAndNeverStartsKeepalived() {
        Outcome failed = host.run("chef-server-ctl", "start");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stdout())
                .contains("timeout: down: postgresql: 0s, normally down, want up\n")
                .contains("ok: run: nginx: (pid ");
        gate.primary = true;
        host.run("mount", "/dev/drbd0", DATA);
        Outcome started = host.run("chef-server-ctl", "start");
        assertThat(started.exitCode()).isZero();
        assertThat(started.stdout()).contains("ok: run: postgresql: (pid ").doesNotContain("keepalived");
        assertThat(host.chef().running("keepalived")).isFalse();
        assertThat(host.run("umount", DATA)).isEqualTo(Outcome.fail(32, "umount: " + DATA + ": target is busy.\n"));
    }

    @Test
    void statusPrintsOneRunitLinePerService() {
        gate.primary = true;
        host.run("mount", "/dev/drbd0", DATA);
        host.run("chef-server-ctl", "start", "postgresql");
        Outcome status = host.run("chef-server-ctl", "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout().lines())
                .hasSize(ChefServerCtl.HA_SERVICES.size() + ChefServerCtl.OTHER_SERVICES.size() + 1)
                .contains("down: keepalived: 0s, normally up; run: log: (pid 999) 0s")
                .contains("down: bookshelf: 0s; run: log: (pid 999) 0s")
                .anyMatch(l -> l.matches("run: postgresql: \\(pid \\d+\\) 0s, normally down; run: log: .*"));
        assertThat(host.run("chef-server-ctl", "status", "keepalived"))
                .isEqualTo(Outcome.ok("down: keepalived: 0s, normally up; run: log: (pid 999) 0s\n"));
    }

    @Test
    void stopLeavesKeepalivedAndTheMount() {
        host.run("touch", SimulatedHost.DRBD_READY);
        host.run("chef-server-ctl", "reconfigure");
        assertThat(host.run("chef-server-ctl", "master-recover")).isEqualTo(Outcome.ok());
        Outcome stopped = host.run("chef-server-ctl", "stop");
        assertThat(stopped.stdout()).contains("ok: down: postgresql: 0s\n", "ok: down: nginx: 0s, normally up\n");
        assertThat(host.chef().running("keepalived")).isTrue();
        assertThat(host.mounts()).containsKey(DATA);
        assertThat(gate.primary).isTrue();
    }

    @Test
    void reconfigureWritesClusterShOnlyPastTheDrbdReadyWait() {
        host.run("chef-server-ctl", "reconfigure");
        assertThat(host.run("test", "-e", ChefServerCtl.CLUSTER_SH).exitCode()).isEqualTo(1);
        reconfigured();
        assertThat(host.run("test", "-e", ChefServerCtl.CLUSTER_SH).exitCode()).isZero();
    }

    @Test
    void masterRecoverWithoutClusterShFailsAsTheShellReportsAMissingProgram() {
        Outcome outcome = host.run("chef-server-ctl", "master-recover");
        assertThat(outcome).isEqualTo(Outcome.fail(127, "sh: 1: " + ChefServerCtl.CLUSTER_SH + ": not found\n"));
        assertThat(gate.primary).isFalse();
        assertThat(host.mounts()).doesNotContainKey(DATA);
        assertThat(ChefServerCtl.HA_SERVICES).noneMatch(host.chef()::running);
        assertThat(host.run("test", "-e", ChefServerCtl.REQUESTED).exitCode()).isEqualTo(1);
    }

    @Test
    void backupRecoverWithoutClusterShFailsAsTheShellReportsAMissingProgram() {
        assertThat(host.run("chef-server-ctl", "backup-recover"))
                .isEqualTo(Outcome.fail(127, "sh: 1: " + ChefServerCtl.CLUSTER_SH + ": not found\n"));
        assertThat(host.run("test", "-e", ChefServerCtl.REQUESTED).exitCode()).isEqualTo(1);
    }

    @Test
    void masterRecoverPromotesMountsAndStartsTheHaServices() {
        reconfigured();
        assertThat(host.run("chef-server-ctl", "master-recover")).isEqualTo(Outcome.ok());
        assertThat(gate.primary).isTrue();
        assertThat(host.mounts()).containsEntry(DATA, "/dev/drbd0");
        assertThat(ChefServerCtl.HA_SERVICES).allMatch(host.chef()::running);
        assertThat(cat(ChefServerCtl.REQUESTED)).isEqualTo("master\n");
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("master\n");
        assertThat(cat(ChefServerCtl.CLUSTER_LOG)).endsWith("Transitioning to master\nTransitioned to master\n");
    }

    @Test
    void masterRecoverAbortsWhenDrbdCannotBePromoted() {
        reconfigured();
        gate.promotable = false;
        Outcome outcome = host.run("chef-server-ctl", "master-recover");
        assertThat(outcome).isEqualTo(Outcome.fail(1, "Failed to start bookshelf, aborting transition to master\n"));
        assertThat(cat(ChefServerCtl.REQUESTED)).isEqualTo("master\n");
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("backup\n");
        assertThat(host.events()).contains("be1: chef-server-ctl master-recover -> 1");
    }

    @Test
    void backupRecoverStopsUnmountsAndDemotesEvenWithABusyShell() {
        reconfigured();
        host.run("chef-server-ctl", "master-recover");
        host.holdOpen(DATA);
        assertThat(host.run("chef-server-ctl", "backup-recover")).isEqualTo(Outcome.ok());
        assertThat(host.mounts()).doesNotContainKey(DATA);
        assertThat(gate.primary).isFalse();
        assertThat(gate.openCount).isZero();
        assertThat(ChefServerCtl.HA_SERVICES).noneMatch(host.chef()::running);
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("backup\n");
    }

    @Test
    void stoppingKeepalivedOnAMasterRunsTheBackupTransition() {
        host.run("touch", SimulatedHost.DRBD_READY);
        host.run("chef-server-ctl", "reconfigure");
        host.run("chef-server-ctl", "master-recover");
        assertThat(host.run("chef-server-ctl", "stop", "keepalived"))
                .isEqualTo(Outcome.ok("ok: down: keepalived: 0s, normally up\n"));
        assertThat(gate.primary).isFalse();
        assertThat(cat(ChefServerCtl.CURRENT)).isEqualTo("backup\n");
    }

    @Test
    void unsupportedVerbsAreNamed() {
        assertThat(host.run("chef-server-ctl", "ha-status"))
                .isEqualTo(Outcome.fail(2, "simulated host: unsupported command: chef-server-ctl ha-status\n"));
    }
}
