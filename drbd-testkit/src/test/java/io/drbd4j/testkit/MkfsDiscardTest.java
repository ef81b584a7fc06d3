package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * mkfs.ext4 discards the whole device by default; on DRBD 8.4.11 a discard on a connected Primary marks the range in
 * sync, so the initial full sync ends right after mkfs (real-drbd-testbed.md: only 28 of 256 MiB were sent). {@code
 * -E nodiscard} or {@code discard = false} in /etc/mke2fs.conf keep the sync long.
 */
class MkfsDiscardTest {
    private static final long MIB_256 = 256L << 20;

    private static Pairs syncing() {
        Pairs p = Pairs.of("8.4", "8.4.11", MIB_256).upFresh();
        p.forcePrimary("be1");
        p.cluster.time().advance(Duration.ofSeconds(1));
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        return p;
    }

    @Test
    void mkfsOnAConnectedPrimaryDiscardsTheDeviceAndEndsTheInitialSync() {
        Pairs p = syncing();
        CommandResult r = p.ok("be1", "mkfs.ext4", "/dev/drbd0");
        assertThat(r.stdoutText()).startsWith("Discarding device blocks: ");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
        assertThat(p.node("be1").oosKiB()).isZero();
        assertThat(p.node("be2").oosKiB()).isZero();
    }

    @Test
    void mkfsWithNodiscardKeepsTheInitialSyncRunning() {
        Pairs p = syncing();
        long before = p.node("be2").oosKiB();
        CommandResult r = p.ok("be1", "mkfs.ext4", "-E", "nodiscard", "/dev/drbd0");
        assertThat(r.stdoutText()).doesNotContain("Discarding").startsWith("Creating filesystem with ");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
        assertThat(p.node("be2").oosKiB()).isEqualTo(before);
    }

    @Test
    void discardFalseInMke2fsConfKeepsTheInitialSyncRunning() {
        Pairs p = syncing();
        p.cluster
                .runner("be1")
                .run(Command.builder()
                        .timeout(Duration.ofSeconds(5))
                        .addArgv("tee", "/etc/mke2fs.conf")
                        .stdin("[defaults]\n\tdiscard = false\n".getBytes(StandardCharsets.UTF_8))
                        .build());
        CommandResult r = p.ok("be1", "mkfs.ext4", "/dev/drbd0");
        assertThat(r.stdoutText()).doesNotContain("Discarding");
        assertThat(p.state("be2")).startsWith("cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate");
    }
}
