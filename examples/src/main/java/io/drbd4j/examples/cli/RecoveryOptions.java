package io.drbd4j.examples.cli;

import io.drbd4j.chef.BothSecondary;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.GrowVolume;
import io.drbd4j.chef.PeerGone;
import io.drbd4j.chef.PrepareStorage;
import io.drbd4j.chef.RecoverPrimary;
import io.drbd4j.chef.ReplaceSecondary;
import io.drbd4j.chef.SplitBrainRecovery;
import io.drbd4j.chef.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of {@code plan}, {@code run} and {@code resume} for the workflows that need more than two {@code
 * --backend} on hosts (a picocli mixin): recover-primary and replace-secondary ({@code --lost}, {@code --confirmed},
 * {@code --new-config}, and {@code --accept-data-loss} for recover-primary), split-brain-recovery ({@code --keep},
 * {@code --confirmed}), both-secondary ({@code --keep}, {@code --confirmed}, {@code --wipe-other}), grow-volume ({@code
 * --size}, {@code --add-disk} with {@code --confirm-disk}) and prepare-storage ({@code --disk}, {@code --confirm-disk},
 * {@code --size} or {@code --percent-of-group}). An option given to a workflow that does not take it is an error, so
 * that a typo in the workflow's name cannot drop it.
 */
final class RecoveryOptions {
    @Option(
            names = "--lost",
            paramLabel = "NAME=ADDRESS",
            description = "recover-primary, replace-secondary: the lost backend, gone for good.")
    String lost;

    @Option(
            names = "--confirmed",
            paramLabel = "TEXT",
            description = "recover-primary, replace-secondary: how the lost backend was confirmed gone;"
                    + " split-brain-recovery, both-secondary: who chose the copy to keep and why (journaled).")
    String confirmed;

    @Option(
            names = "--accept-data-loss",
            paramLabel = "REASON",
            description = "recover-primary: accept losing what an Inconsistent survivor lacks (journaled).")
    String acceptDataLoss;

    @Option(
            names = "--new-config",
            paramLabel = "FILE",
            description = "recover-primary, replace-secondary: the chef-server.rb naming the replacement, when it is"
                    + " another host.")
    Path newConfig;

    @Option(
            names = "--keep",
            paramLabel = "NAME",
            description = "split-brain-recovery, both-secondary: the backend whose copy is kept, the first --backend"
                    + " or --keeper; after a split brain the other one's writes since the split are discarded.")
    String keep;

    @Option(
            names = "--wipe-other",
            paramLabel = "TEXT",
            description = "both-secondary: wipe the other backend's meta data (wipe-md, create-md) so that it takes a"
                    + " full resync from the copy kept, losing every write only it holds; TEXT says who accepts that"
                    + " loss and why (journaled).")
    String wipeOther;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            description = "grow-volume: the size both backing volumes grow to, the same absolute size on both;"
                    + " prepare-storage: the volume's size (default: 80%% of the volume group). Bytes, or with K, M, G"
                    + " or T as binary units (20G is 20 GiB); a multiple of 1 MiB.")
    Long size;

    @Option(
            names = "--add-disk",
            paramLabel = "DEVICE",
            description = "grow-volume: a new disk, the same path on both backends, added to the volume group first"
                    + " (pvcreate, vgextend); it must hold nothing. Needs --confirm-disk.")
    String addDisk;

    @Option(
            names = "--disk",
            paramLabel = "DEVICE",
            description = "prepare-storage: the dedicated disk on both backends, such as /dev/sdb; pvcreate wipes it,"
                    + " so it must hold nothing (no filesystem, partition, physical volume or mount).")
    String disk;

    @Option(
            names = "--confirm-disk",
            paramLabel = "DEVICE",
            description = "prepare-storage, grow-volume: the --disk or --add-disk path typed again; anything else"
                    + " refuses pvcreate.")
    String confirmDisk;

    @Option(
            names = "--percent-of-group",
            paramLabel = "N",
            description = "prepare-storage: the volume's share of the volume group, 1 to 100, instead of --size"
                    + " (default: 80, the rest kept for snapshots).")
    Integer percentOfGroup;

    /** Creates the options; picocli sets them. */
    RecoveryOptions() {}

    /**
     * Returns the first option given that the workflow does not take, or that does not go with another one given,
     * such as {@code --keep is for split-brain-recovery and both-secondary only}.
     *
     * @param workflow a workflow's own name
     * @return the first option given that the workflow does not take, or that does not go with another one given
     */
    Optional<String> misplaced(String workflow) {
        List<String> problems = new ArrayList<>();
        boolean lostHost = workflow.equals(RecoverPrimary.NAME) || workflow.equals(ReplaceSecondary.NAME);
        boolean keeps = workflow.equals(SplitBrainRecovery.NAME) || workflow.equals(BothSecondary.NAME);
        boolean grow = workflow.equals(GrowVolume.NAME);
        boolean storage = workflow.equals(PrepareStorage.NAME);
        check(problems, lost, lostHost, "--lost", "recover-primary and replace-secondary");
        check(problems, newConfig, lostHost, "--new-config", "recover-primary and replace-secondary");
        check(
                problems,
                confirmed,
                lostHost || keeps,
                "--confirmed",
                "recover-primary, replace-secondary, split-brain-recovery and both-secondary");
        check(problems, acceptDataLoss, workflow.equals(RecoverPrimary.NAME), "--accept-data-loss", "recover-primary");
        check(problems, keep, keeps, "--keep", "split-brain-recovery and both-secondary");
        check(problems, wipeOther, workflow.equals(BothSecondary.NAME), "--wipe-other", "both-secondary");
        check(problems, size, grow || storage, "--size", "grow-volume and prepare-storage");
        check(problems, addDisk, grow, "--add-disk", "grow-volume");
        check(problems, disk, storage, "--disk", "prepare-storage");
        check(problems, confirmDisk, grow || storage, "--confirm-disk", "prepare-storage and grow-volume");
        check(problems, percentOfGroup, storage, "--percent-of-group", "prepare-storage");
        if (problems.isEmpty() && grow && (addDisk == null) != (confirmDisk == null)) {
            problems.add(
                    addDisk == null
                            ? "--confirm-disk " + confirmDisk
                                    + " without --add-disk (grow-volume: it confirms the disk added)"
                            : "--add-disk " + addDisk + " needs --confirm-disk DEVICE (the same path typed again)");
        }
        if (problems.isEmpty() && storage && size != null && percentOfGroup != null) {
            problems.add("--size and --percent-of-group both given (prepare-storage: one or the other)");
        }
        return problems.stream().findFirst();
    }

    private static void check(List<String> problems, Object value, boolean takes, String option, String workflows) {
        if (value != null && !takes) {
            problems.add(option + " is for " + workflows + " only");
        }
    }

    /**
     * Returns the workflow on them.
     *
     * @param workflow recover-primary, replace-secondary, split-brain-recovery, both-secondary, grow-volume or
     *     prepare-storage
     * @param target the backends over ssh: the survivor, master or keeper as the cluster's primary
     * @return the workflow on them
     * @throws IllegalArgumentException when an option it needs is missing or a value does not fit, as a usage error's
     *     message
     * @throws UncheckedIOException when {@code --new-config} cannot be read
     */
    Workflow workflow(String workflow, ChefHaCluster target) {
        if (workflow.equals(SplitBrainRecovery.NAME)) {
            keeper(workflow, target);
            return SplitBrainRecovery.of(target, keep, confirmed).workflow();
        }
        if (workflow.equals(BothSecondary.NAME)) {
            keeper(workflow, target);
            BothSecondary both = BothSecondary.of(target, keep, confirmed);
            return (wipeOther == null ? both : both.wipingOther(wipeOther)).workflow();
        }
        if (workflow.equals(GrowVolume.NAME)) {
            return growVolume(target);
        }
        if (workflow.equals(PrepareStorage.NAME)) {
            return prepareStorage(target);
        }
        if (lost == null || confirmed == null) {
            throw new IllegalArgumentException(
                    workflow + " on hosts needs --lost NAME=ADDRESS and --confirmed TEXT (how it was confirmed gone)");
        }
        String[] nameAddress = lost.split("=", 2);
        if (nameAddress.length != 2) {
            throw new IllegalArgumentException("--lost " + lost + " (expected: NAME=ADDRESS)");
        }
        PeerGone gone = PeerGone.of(nameAddress[0], nameAddress[1], confirmed);
        if (workflow.equals(ReplaceSecondary.NAME)) {
            ReplaceSecondary replace = ReplaceSecondary.of(target, gone);
            if (newConfig != null) {
                replace = replace.withConfiguration(read(newConfig));
            }
            return replace.workflow();
        }
        RecoverPrimary recover = RecoverPrimary.of(target, gone);
        if (acceptDataLoss != null) {
            recover = recover.acceptingDataLoss(acceptDataLoss);
        }
        if (newConfig != null) {
            recover = recover.withConfiguration(read(newConfig));
        }
        return recover.workflow();
    }

    /** Checks that {@code --keep} and {@code --confirmed} are given and that the copy kept is the cluster's keeper. */
    private void keeper(String workflow, ChefHaCluster target) {
        if (keep == null || confirmed == null) {
            throw new IllegalArgumentException(workflow + " on hosts needs --keep NAME (the copy to keep) and"
                    + " --confirmed TEXT (who chose it and why)");
        }
        if (!keep.equals(target.keeper())) {
            throw new IllegalArgumentException("--keep " + keep + " but the bootstrap backend is " + target.keeper()
                    + " (expected: the copy to keep as the first --backend, or --keeper " + keep + ")");
        }
    }

    private Workflow growVolume(ChefHaCluster target) {
        if (size == null) {
            throw new IllegalArgumentException(
                    GrowVolume.NAME + " on hosts needs --size SIZE (the size both backing volumes grow to)");
        }
        GrowVolume grow = GrowVolume.to(target, size);
        return (addDisk == null ? grow : grow.addingDisk(addDisk, confirmDisk)).workflow();
    }

    private Workflow prepareStorage(ChefHaCluster target) {
        if (disk == null || confirmDisk == null) {
            throw new IllegalArgumentException(PrepareStorage.NAME + " on hosts needs --disk DEVICE (the dedicated"
                    + " disk) and --confirm-disk DEVICE (the same path typed again)");
        }
        PrepareStorage prepare = PrepareStorage.on(target, disk, confirmDisk);
        if (size != null) {
            prepare = prepare.sizeBytes(size);
        }
        if (percentOfGroup != null) {
            prepare = prepare.percentOfGroup(percentOfGroup);
        }
        return prepare.workflow();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --new-config: " + e.getMessage(), e);
        }
    }
}
