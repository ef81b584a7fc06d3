package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The options of both-secondary, grow-volume and prepare-storage given to a workflow that does not take them, or
 * without the option they go with: a usage error of plan and run before any host is reached, so that a typo in the
 * workflow's name cannot drop them.
 */
class MisplacedWorkflowOptionsTest {
    private static CliResult run(String command, String workflow, String options) {
        List<String> args = new ArrayList<>(List.of(command, workflow));
        for (String word : options.split(" ")) {
            args.add(word.replace('_', ' '));
        }
        if (command.equals("run")) {
            // Addresses nobody answers on: the usage error must come before any connection.
            args.addAll(List.of("--backend", "be1=127.0.0.1:1", "--backend", "be2=127.0.0.1:1", "--dialect", "8.4"));
        }
        return CliResult.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plan | switchover        | --wipe-other jdoe            | --wipe-other is for both-secondary only",
                "plan | split-brain       | --wipe-other jdoe            | --wipe-other is for both-secondary only",
                "plan | both-secondary    | --size 20G                   | --size is for grow-volume and"
                        + " prepare-storage only",
                "plan | failover-setup    | --size 20G                   | --size is for grow-volume and"
                        + " prepare-storage only",
                "plan | prepare-storage   | --add-disk /dev/sdc          | --add-disk is for grow-volume only",
                "plan | grow-volume       | --disk /dev/sdb              | --disk is for prepare-storage only",
                "plan | prepare           | --disk /dev/sdb              | --disk is for prepare-storage only",
                "plan | grow-volume       | --percent-of-group 50        | --percent-of-group is for"
                        + " prepare-storage only",
                "plan | both-secondary    | --confirm-disk /dev/sdb      | --confirm-disk is for prepare-storage and"
                        + " grow-volume only",
                "plan | grow-volume       | --keep be1                   | --keep is for split-brain-recovery and"
                        + " both-secondary only",
                "plan | prepare-storage   | --confirmed jdoe             | --confirmed is for recover-primary,"
                        + " replace-secondary, split-brain-recovery and both-secondary only",
                "plan | both-secondary    | --lost be2=10.0.0.2          | --lost is for recover-primary and"
                        + " replace-secondary only",
                "run  | switchover        | --wipe-other jdoe            | --wipe-other is for both-secondary only",
                "run  | rejoin-secondary  | --size 20G                   | --size is for grow-volume and"
                        + " prepare-storage only",
                "run  | both-secondary    | --disk /dev/sdb              | --disk is for prepare-storage only",
            })
    void anOptionOfAnotherWorkflowIsAUsageError(String command, String workflow, String options, String message) {
        CliResult result = run(command, workflow, options);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("drbd4j " + command + ": " + message + " (see 'drbd4j " + command + " --help')\n");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plan | grow-volume     | --size 20G --add-disk /dev/sdc      | --add-disk /dev/sdc needs"
                        + " --confirm-disk DEVICE (the same path typed again)",
                "plan | grow-volume     | --size 20G --confirm-disk /dev/sdc  | --confirm-disk /dev/sdc without"
                        + " --add-disk (grow-volume: it confirms the disk added)",
                "plan | prepare-storage | --size 20G --percent-of-group 90    | --size and --percent-of-group both"
                        + " given (prepare-storage: one or the other)",
                "run  | grow-volume     | --size 20G --add-disk /dev/sdc      | --add-disk /dev/sdc needs"
                        + " --confirm-disk DEVICE (the same path typed again)",
            })
    void anOptionWithoutTheOneItGoesWithIsAUsageError(String command, String workflow, String options, String message) {
        CliResult result = run(command, workflow, options);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Drbd4jCommand.EXIT_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("drbd4j " + command + ": " + message + " (see 'drbd4j " + command + " --help')\n");
    }
}
