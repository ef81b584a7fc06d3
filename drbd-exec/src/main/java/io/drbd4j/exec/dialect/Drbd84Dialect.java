package io.drbd4j.exec.dialect;

import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.List;

/**
 * DRBD 8.4 drbdadm syntax: options after the command, before the resource; drbdadm-84 checks them against the
 * command's option table (drbd-utils user/v84/drbdadm_main.c), unlike options passed after {@code --}, which it does not check.
 */
final class Drbd84Dialect extends AbstractDialect {
    /** Resync data in flight is at most max-buffers/2 pages of 4 KiB per 100 ms step: 20 × max-buffers KiB/s. */
    static final int DEFAULT_MAX_BUFFERS = 2048;

    Drbd84Dialect(Duration timeout) {
        super(timeout);
    }

    @Override
    public String name() {
        return "8.4";
    }

    @Override
    public int apiVersion() {
        return 1;
    }

    @Override
    public DrbdDialect withTimeout(Duration timeout) {
        return new Drbd84Dialect(timeout);
    }

    @Override
    public Command createMd(String resource, boolean force) {
        return force ? drbdadm(resource, "create-md", "--force") : drbdadm(resource, "create-md");
    }

    @Override
    public Command connectDiscardingMyData(String resource) {
        return drbdadm(resource, "connect", "--discard-my-data");
    }

    @Override
    public Command primaryOverwritingPeer(String resource) {
        return drbdadm(resource, "primary", "--force");
    }

    @Override
    public Command newCurrentUuidClearBitmap(String resource) {
        // 8.4 addresses the volume: R/0 (the Chef resources have one volume).
        return Command.of(
                timeout(), "drbdadm", "new-current-uuid", "--clear-bitmap", Arguments.resourceName(resource) + "/0");
    }

    @Override
    public ResyncRatePlan temporaryResyncRate(String resource, int minor, String rate, RateMethod method) {
        Arguments.rate(rate);
        long kiBps = kiBps(rate);
        long cap = 20L * DEFAULT_MAX_BUFFERS;
        switch (method) {
            case GUIDE:
                return ResyncRatePlan.builder()
                        .commands(List.of(drbdadm(resource, "disk-options", "--resync-rate=" + rate)))
                        .explanation("8.4's dynamic resync controller reads resync-rate only when the resync"
                                + " (re)starts, so a running resync keeps its pace (at most c-max-rate, 100 MiB/s"
                                + " by default, and about " + cap + " KiB/s on 8.4.5+ with the default max-buffers)")
                        .build();
            case FIXED_RATE:
                return ResyncRatePlan.builder()
                        .commands(
                                List.of(drbdadm(resource, "disk-options", "--c-plan-ahead=0", "--resync-rate=" + rate)))
                        .expectedKiBps(Math.min(kiBps, cap))
                        .explanation("fixed mode at " + kiBps + " KiB/s, but on 8.4.5+ the default max-buffers "
                                + DEFAULT_MAX_BUFFERS + " caps any resync near " + cap + " KiB/s; raise max-buffers"
                                + " as well (net-options --max-buffers)")
                        .build();
            case MAX_BUFFERS:
                int buffers = (int) Math.min(131072, Math.max(DEFAULT_MAX_BUFFERS, (kiBps + 19) / 20));
                return ResyncRatePlan.builder()
                        .commands(List.of(
                                drbdadm(resource, "net-options", "--max-buffers=" + buffers),
                                drbdadm(resource, "disk-options", "--c-plan-ahead=0", "--resync-rate=" + rate)))
                        .expectedKiBps(Math.min(kiBps, 20L * buffers))
                        .explanation("max-buffers " + buffers + " lifts the in-flight ceiling to " + 20L * buffers
                                + " KiB/s and fixed mode asks for " + kiBps + " KiB/s; disk and network may"
                                + " still be slower")
                        .build();
            default:
                throw unsupported(method.name());
        }
    }

    /**
     * Returns a drbdsetup rate in KiB/s: no unit means KiB/s, k K, M and G multiply by 1, 1024, 1024^2.
     *
     * @return a drbdsetup rate in KiB/s: no unit means KiB/s, k K, M and G multiply by 1, 1024, 1024^2
     */
    static long kiBps(String rate) {
        char unit = rate.charAt(rate.length() - 1);
        if (Character.isDigit(unit)) {
            return Long.parseLong(rate);
        }
        long n = Long.parseLong(rate.substring(0, rate.length() - 1));
        switch (Character.toUpperCase(unit)) {
            case 'K':
                return n;
            case 'M':
                return n * 1024;
            default:
                return n * 1024 * 1024;
        }
    }

    @Override
    public Command show(String resource, int minor) {
        Arguments.resourceName(resource);
        return command("drbdsetup", "show", resource);
    }

    @Override
    public Command events(int minor, Duration timeout) {
        return Command.of(timeout, "drbdsetup", "events", "all");
    }
}
