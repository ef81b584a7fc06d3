package io.drbd4j.exec.dialect;

import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.List;

/**
 * DRBD 8.3 drbdadm syntax: backend options go between {@code --} and the command ({@code drbdadm -- --opt cmd R}).
 * drbdadm-83 takes {@code --force} as its own option and drops it (drbd-utils user/v83/drbdadm_main.c
 * {@code case 'f': force = 1}), so force-promote is {@code --overwrite-data-of-peer}.
 */
final class Drbd83Dialect extends AbstractDialect {
    Drbd83Dialect(Duration timeout) {
        super(timeout);
    }

    @Override
    public String name() {
        return "8.3";
    }

    @Override
    public int apiVersion() {
        return 88;
    }

    @Override
    public DrbdDialect withTimeout(Duration timeout) {
        return new Drbd83Dialect(timeout);
    }

    @Override
    public Command createMd(String resource, boolean force) {
        return force ? drbdadm(resource, "--", "--force", "create-md") : drbdadm(resource, "create-md");
    }

    @Override
    public Command connectDiscardingMyData(String resource) {
        return drbdadm(resource, "--", "--discard-my-data", "connect");
    }

    @Override
    public Command primaryOverwritingPeer(String resource) {
        return drbdadm(resource, "--", "--overwrite-data-of-peer", "primary");
    }

    @Override
    public Command newCurrentUuidClearBitmap(String resource) {
        return drbdadm(resource, "--", "--clear-bitmap", "new-current-uuid");
    }

    @Override
    public ResyncRatePlan temporaryResyncRate(String resource, int minor, String rate, RateMethod method) {
        Arguments.resourceName(resource);
        if (method != RateMethod.GUIDE) {
            throw unsupported("resync rate method " + method);
        }
        if (minor < 0 || minor > 255) {
            throw new IllegalArgumentException("minor " + minor + " (expected: 0 to 255 on DRBD 8.3)");
        }
        long kiBps = Drbd84Dialect.kiBps(Arguments.rate(rate));
        return ResyncRatePlan.builder()
                // The Chef guide's Ubuntu form: the direct drbdsetup call changes only the rate (no --set-defaults).
                .commands(List.of(command("drbdsetup", "/dev/drbd" + minor, "syncer", "-r", rate)))
                .expectedKiBps(kiBps)
                .explanation("8.3 runs a fixed-rate resync by default (c-plan-ahead 0), so it goes at " + kiBps
                        + " KiB/s if disk and network keep up; 8.3.16 caps it near 40,960 KiB/s with the default"
                        + " max-buffers")
                .build();
    }

    @Override
    public Command show(String resource, int minor) {
        Arguments.resourceName(resource);
        if (minor < 0 || minor > 255) {
            throw new IllegalArgumentException("minor " + minor + " (expected: 0 to 255 on DRBD 8.3)");
        }
        return command("drbdsetup", "/dev/drbd" + minor, "show");
    }

    @Override
    public Command events(int minor, Duration timeout) {
        if (minor < 0 || minor > 255) {
            throw new IllegalArgumentException("minor " + minor + " (expected: 0 to 255 on DRBD 8.3)");
        }
        return Command.of(timeout, "drbdsetup", "/dev/drbd" + minor, "events", "--all-devices");
    }
}
