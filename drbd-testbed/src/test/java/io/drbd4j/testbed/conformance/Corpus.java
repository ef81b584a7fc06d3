package io.drbd4j.testbed.conformance;

import static io.drbd4j.testbed.conformance.Step.await;
import static io.drbd4j.testbed.conformance.Step.crash;
import static io.drbd4j.testbed.conformance.Step.drbdadm;
import static io.drbd4j.testbed.conformance.Step.heal;
import static io.drbd4j.testbed.conformance.Step.partition;
import static io.drbd4j.testbed.conformance.Step.reboot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command sequences, with faults, that the simulated pair and the real kernel run alike. Each starts from blank
 * backing disks (no meta data), the DRBD configuration in place and both hosts up.
 */
final class Corpus {
    record Sequence(String name, List<Step> steps) {}

    private Corpus() {}

    private static final List<Step> FRESH = List.of(
            drbdadm("be1", "create-md"),
            drbdadm("be2", "create-md"),
            drbdadm("be1", "up"),
            drbdadm("be2", "up"),
            await("be1.cs", "Connected"));

    private static final List<Step> SYNCED =
            join(FRESH, drbdadm("be1", "primary", "--force"), await("be2.ds", "UpToDate/UpToDate"));

    private static final List<Step> SPLIT_BRAIN = join(
            SYNCED,
            partition(),
            await("be1.cs", "WFConnection"),
            await("be2.cs", "WFConnection"),
            drbdadm("be2", "primary"),
            heal(),
            await("be1.cs", "StandAlone"),
            await("be2.cs", "StandAlone"));

    private static List<Step> join(List<Step> first, Step... more) {
        List<Step> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return List.copyOf(all);
    }

    private static Sequence seq(String name, List<Step> prefix, Step... more) {
        return new Sequence(name, join(prefix, more));
    }

    static List<Sequence> all() {
        List<Step> none = List.of();
        return List.of(
                seq("up-without-meta-data", none, drbdadm("be1", "up")),
                seq("dump-md-without-meta-data", none, drbdadm("be1", "dump-md")),
                seq(
                        "queries-when-down",
                        none,
                        drbdadm("be1", "role"),
                        drbdadm("be1", "cstate"),
                        drbdadm("be1", "dstate")),
                seq("create-md-then-dump-md", none, drbdadm("be1", "create-md"), drbdadm("be1", "dump-md")),
                seq(
                        "dump-md-while-up",
                        none,
                        drbdadm("be1", "create-md"),
                        drbdadm("be1", "up"),
                        drbdadm("be1", "dump-md")),
                seq(
                        "dump-md-after-down",
                        none,
                        drbdadm("be1", "create-md"),
                        drbdadm("be1", "up"),
                        drbdadm("be1", "down"),
                        drbdadm("be1", "dump-md"),
                        drbdadm("be1", "apply-al"),
                        drbdadm("be1", "dump-md")),
                seq("up-twice", none, drbdadm("be1", "create-md"), drbdadm("be1", "up"), drbdadm("be1", "up")),
                seq("create-md-over-meta-data", none, drbdadm("be1", "create-md"), drbdadm("be1", "create-md")),
                seq("one-node-up-waits", none, drbdadm("be1", "create-md"), drbdadm("be1", "up")),
                seq("fresh-pair-connects", FRESH),
                seq("primary-without-force-on-inconsistent", FRESH, drbdadm("be1", "primary")),
                seq("forced-primary-syncs-the-peer", SYNCED),
                seq("second-primary-refused", SYNCED, drbdadm("be2", "primary")),
                seq("disconnect-twice", FRESH, drbdadm("be1", "disconnect"), drbdadm("be1", "disconnect")),
                seq(
                        "connect-twice",
                        FRESH,
                        drbdadm("be1", "disconnect"),
                        drbdadm("be1", "connect"),
                        drbdadm("be1", "connect"),
                        await("be1.cs", "Connected")),
                seq(
                        "invalidate-standalone-secondary",
                        SYNCED,
                        drbdadm("be2", "disconnect"),
                        drbdadm("be2", "invalidate")),
                seq(
                        "invalidate-standalone-primary",
                        SYNCED,
                        drbdadm("be1", "disconnect"),
                        drbdadm("be1", "invalidate")),
                seq("outdate-connected-secondary", SYNCED, drbdadm("be2", "outdate")),
                seq("outdate-disconnected-secondary", SYNCED, drbdadm("be2", "disconnect"), drbdadm("be2", "outdate")),
                seq(
                        "detach-and-attach",
                        SYNCED,
                        drbdadm("be2", "detach"),
                        drbdadm("be2", "attach"),
                        await("be2.ds", "UpToDate/UpToDate")),
                seq("demote-the-primary", SYNCED, drbdadm("be1", "secondary")),
                seq("partition-of-a-fresh-pair", FRESH, partition(), heal(), await("be1.cs", "Connected")),
                seq("partition-of-a-synced-pair", SYNCED, partition(), heal(), await("be1.cs", "Connected")),
                seq("split-brain-both-primary", SPLIT_BRAIN),
                seq(
                        "split-brain-resolved-by-discarding-be2",
                        SPLIT_BRAIN,
                        drbdadm("be2", "secondary"),
                        drbdadm("be2", "connect", "--discard-my-data"),
                        drbdadm("be1", "connect"),
                        await("be2.ds", "UpToDate/UpToDate")),
                seq(
                        "pause-and-resume-a-sync",
                        FRESH,
                        drbdadm("be1", "primary", "--force"),
                        drbdadm("be1", "pause-sync"),
                        drbdadm("be1", "resume-sync"),
                        await("be2.ds", "UpToDate/UpToDate")),
                seq(
                        "secondary-crashes-and-rejoins",
                        SYNCED,
                        crash("be2"),
                        reboot("be2"),
                        drbdadm("be2", "dump-md"),
                        drbdadm("be2", "up"),
                        await("be2.ds", "UpToDate/UpToDate")),
                seq(
                        "primary-crashes-and-returns-secondary",
                        SYNCED,
                        crash("be1"),
                        reboot("be1"),
                        drbdadm("be1", "up"),
                        await("be1.cs", "Connected")),
                seq(
                        "secondary-down-and-up",
                        SYNCED,
                        drbdadm("be2", "down"),
                        drbdadm("be2", "dump-md"),
                        drbdadm("be2", "up"),
                        await("be2.ds", "UpToDate/UpToDate")),
                seq("new-current-uuid-clear-bitmap", FRESH, drbdadm("be1", "--", "--clear-bitmap", "new-current-uuid")),
                seq(
                        "invalidate-remote",
                        SYNCED,
                        drbdadm("be1", "invalidate-remote"),
                        await("be2.ds", "UpToDate/UpToDate")),
                seq("verify-without-algorithm", SYNCED, drbdadm("be1", "verify")),
                seq("primary-goes-down", SYNCED, drbdadm("be1", "down")),
                seq("secondary-diskless-primary", SYNCED, drbdadm("be2", "detach"), drbdadm("be2", "primary")));
    }
}
