package io.drbd4j.examples.cli;

import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.PeerGone;
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
 * The options of {@code plan}, {@code run} and {@code resume} for the workflows that need more than two {@code --backend} on hosts (a picocli mixin):
 * recover-primary and replace-secondary ({@code --lost}, {@code --confirmed}, {@code --new-config}, and {@code
 * --accept-data-loss} for recover-primary), split-brain-recovery ({@code --keep}, {@code --confirmed}). An option
 * given to a workflow that does not take it is an error, so that a typo in the workflow's name cannot drop it.
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
                    + " split-brain-recovery: who chose the copy to keep and why (journaled).")
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
            description = "split-brain-recovery: the backend whose copy is kept, the first --backend or --keeper;"
                    + " the other one's writes since the split are discarded.")
    String keep;

    /** Creates the options; picocli sets them. */
    RecoveryOptions() {}

    /**
     * Returns the first option given that the workflow does not take, such as {@code --keep is for split-brain-recovery
     * only}.
     *
     * @param workflow a workflow's own name
     * @return the first option given that the workflow does not take, such as {@code --keep is for
     *     split-brain-recovery only}
     */
    Optional<String> misplaced(String workflow) {
        List<String> problems = new ArrayList<>();
        boolean lostHost = workflow.equals(RecoverPrimary.NAME) || workflow.equals(ReplaceSecondary.NAME);
        check(problems, lost, lostHost, "--lost", "recover-primary and replace-secondary");
        check(problems, newConfig, lostHost, "--new-config", "recover-primary and replace-secondary");
        check(
                problems,
                confirmed,
                lostHost || workflow.equals(SplitBrainRecovery.NAME),
                "--confirmed",
                "recover-primary, replace-secondary and split-brain-recovery");
        check(problems, acceptDataLoss, workflow.equals(RecoverPrimary.NAME), "--accept-data-loss", "recover-primary");
        check(problems, keep, workflow.equals(SplitBrainRecovery.NAME), "--keep", "split-brain-recovery");
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
     * @param workflow recover-primary, replace-secondary or split-brain-recovery
     * @param target the backends over ssh: the survivor, master or keeper as the cluster's primary
     * @return the workflow on them
     * @throws IllegalArgumentException when an option it needs is missing or a value does not fit, as a usage error's
     *     message
     * @throws UncheckedIOException when {@code --new-config} cannot be read
     */
    Workflow workflow(String workflow, ChefHaCluster target) {
        if (workflow.equals(SplitBrainRecovery.NAME)) {
            if (keep == null || confirmed == null) {
                throw new IllegalArgumentException(workflow + " on hosts needs --keep NAME (the copy to keep) and"
                        + " --confirmed TEXT (who chose it and why)");
            }
            if (!keep.equals(target.keeper())) {
                throw new IllegalArgumentException("--keep " + keep + " but the bootstrap backend is "
                        + target.keeper() + " (expected: the copy to keep as the first --backend, or --keeper "
                        + keep + ")");
            }
            return SplitBrainRecovery.of(target, keep, confirmed).workflow();
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

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --new-config: " + e.getMessage(), e);
        }
    }
}
