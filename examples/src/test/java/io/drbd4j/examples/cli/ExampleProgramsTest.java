package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.HaStatus;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.JournalEntry;
import io.drbd4j.chef.WorkflowException;
import io.drbd4j.examples.FailoverSetupOnSimulatedPair;
import io.drbd4j.examples.FailoverSetupOverSsh;
import io.drbd4j.examples.ReadStatus;
import io.drbd4j.examples.RoleOverSsh;
import io.drbd4j.examples.TestYourAutomation;
import io.drbd4j.examples.WatchASync;
import io.drbd4j.exec.sshd.SshServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The example programs under {@code io.drbd4j.examples}, each README snippet among them, run as a user would run
 * them: their {@code main} with real arguments, against the simulated pair, a real sample of {@code /proc/drbd} and a
 * real sshd on 127.0.0.1. Each test asserts what the program printed.
 */
@Isolated("replaces System.out while a program runs")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ExampleProgramsTest {
    @TempDir
    Path dir;

    /** What a program's {@code main} does that can throw. */
    private interface Program {
        void run() throws Exception;
    }

    /** Runs a program with System.out captured, and returns what it printed. */
    private static String printed(Program program) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void failoverSetupOnTheSimulatedPairPrintsThePlanAndEndsHealthy() throws Exception {
        String out = printed(() -> FailoverSetupOnSimulatedPair.main(new String[0]));
        assertThat(out)
                .startsWith("failover-setup of pc0: keeper be1 (8.4), other be2 (8.4)\n")
                .contains(" 2. force-primary on be1   [DESTROYS DATA if run in the wrong state]\n")
                .contains(" start force-primary on be1   [destroys data if run in the wrong state]\n")
                .contains("be1 Primary, be2 Secondary, both UpToDate; journal: ");
        Path journal = Path.of(out.substring(out.lastIndexOf("journal: ") + "journal: ".length())
                .strip());
        List<JournalEntry> entries = Journal.at(journal).entries();
        assertThat(entries.get(entries.size() - 1).event()).isEqualTo(JournalEntry.Event.COMPLETED);
    }

    @Test
    void readStatusSaysWhatEachDeviceMeansForData() throws Exception {
        // Fixture 023: DRBD 8.4.7-1, one device Connected Primary/Secondary UpToDate/UpToDate, protocol C
        // (hoangdh/ghichep-DRBD).
        Path sample = Fixtures.names().stream()
                .filter(n -> n.startsWith("023-"))
                .map(Fixtures::file)
                .findFirst()
                .orElseThrow();
        String out = printed(() -> ReadStatus.main(new String[] {sample.toString()}));
        assertThat(out)
                .isEqualTo("DRBD 8.4.7-1\n"
                        + "0: safe: either node can be lost\n"
                        + "   can the peer be lost? The peer can be lost: both disks are UpToDate and Connected with"
                        + " protocol C, so every acknowledged write is on this node too.\n");
    }

    @Test
    void readStatusReportsWhatItCouldNotReadWithLineAndColumn() throws Exception {
        Path file = dir.resolve("proc-drbd");
        Files.writeString(
                file,
                "version: 8.4.11 (api:1/proto:86-101)\n"
                        + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
                        + " 1: cs:NoSuchState ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n");
        String out = printed(() -> ReadStatus.main(new String[] {file.toString()}));
        assertThat(out).startsWith("DRBD 8.4.11\n0: ").contains("could not read: line 3");
    }

    @Test
    void testYourAutomationPassesItsChecksOnBothScenarios() throws Exception {
        String out = printed(() -> TestYourAutomation.main(new String[0]));
        assertThat(out)
                .isEqualTo("ok: the automation promotes an UpToDate survivor\n"
                        + "ok: the automation loses no acknowledged write\n"
                        + "ok: the automation refuses to promote an Inconsistent survivor\n"
                        + "ok: the automation overwrites no good copy\n");
    }

    @Test
    void watchASyncPrintsTheChangesOfTheInitialSyncInOrder() throws Exception {
        String out = printed(() -> WatchASync.main(new String[0]));
        List<String> lines = out.lines().toList();

        assertThat(lines.subList(0, 4))
                .containsExactly(
                        "DeviceAppeared[minor=0, connection=CONNECTED, role=SECONDARY, peerRole=SECONDARY,"
                                + " disk=INCONSISTENT, peerDisk=INCONSISTENT]",
                        "ConnectionChanged[minor=0, from=CONNECTED, to=SYNC_TARGET]",
                        "RoleChanged[minor=0, from=SECONDARY, to=SECONDARY, peerFrom=SECONDARY, peerTo=PRIMARY]",
                        "DiskChanged[minor=0, from=INCONSISTENT, to=INCONSISTENT, peerFrom=INCONSISTENT,"
                                + " peerTo=UP_TO_DATE]");
        assertThat(lines.get(4)).isEqualTo("SyncStarted[minor=0, state=SYNC_TARGET]");
        assertThat(lines).filteredOn(l -> l.startsWith("SyncProgressed[")).hasSizeGreaterThan(3);
        assertThat(lines.subList(lines.size() - 3, lines.size()))
                .containsExactly(
                        "ConnectionChanged[minor=0, from=SYNC_TARGET, to=CONNECTED]",
                        "DiskChanged[minor=0, from=INCONSISTENT, to=UP_TO_DATE, peerFrom=UP_TO_DATE,"
                                + " peerTo=UP_TO_DATE]",
                        "SyncFinished[minor=0, state=CONNECTED]");
    }

    @Test
    void roleOverSshDetectsTheDialectAndTypesTheRefusal() throws Exception {
        assumeThat(Files.exists(Path.of("/proc/drbd")))
                .as("DRBD is loaded on this machine")
                .isFalse();
        try (SshServer sshd = SshServer.start()) {
            String out = printed(() -> RoleOverSsh.main(new String[] {
                sshd.user(),
                "127.0.0.1",
                String.valueOf(sshd.port()),
                sshd.clientKey().toString(),
                sshd.knownHosts().toString(),
                "pc0"
            }));
            // drbd-utils without a kernel module here: the dialect comes from drbdadm's version, the role is refused.
            assertThat(out).startsWith("dialect 8.4 (").contains("refused: exit ");
        }
    }

    @Test
    void failoverSetupOverSshRunsOnTheSimulatedPairBehindRealSshd() throws Exception {
        assumeThat(Files.exists(Path.of("/proc/drbd")))
                .as("DRBD is loaded on this machine")
                .isFalse();
        DemoScenario scenario = DemoScenarios.stage(FailoverSetup.NAME, "8.4", 1);
        try (SimulatedPairOverSsh pair = SimulatedPairOverSsh.start(scenario.sim())) {
            Path journal = dir.resolve("setup.jsonl");
            String[] args = {
                System.getProperty("user.name"),
                pair.clientKey().toString(),
                pair.knownHosts().toString(),
                journal.toString(),
                "be1",
                "10.0.0.1",
                "localhost",
                String.valueOf(pair.port("be1")),
                "be2",
                "10.0.0.2",
                "localhost",
                String.valueOf(pair.port("be2"))
            };
            // The replication link is down: the guard of force-primary refuses, and nothing destructive ran.
            scenario.sim().faults().partition();
            assertThatThrownBy(() -> printed(() -> FailoverSetupOverSsh.main(args)))
                    .isInstanceOf(WorkflowException.class)
                    .hasMessageContaining("step force-primary on be1");
            // Healed, the same program with the same journal resumes and finishes.
            scenario.sim().faults().heal();
            String out = printed(() -> FailoverSetupOverSsh.main(args));
            assertThat(out)
                    .contains(" start force-primary on be1")
                    .contains(" start ready-primary on be1\n         $ touch /var/opt/opscode/drbd/drbd_ready\n")
                    .endsWith("failover setup done: be1 is the primary\n");
            assertThat(HaStatus.read(scenario.cluster()).healthy()).isTrue();
            assertThat(Journal.at(journal).entries())
                    .extracting(JournalEntry::event)
                    .containsSubsequence(
                            JournalEntry.Event.BEGIN,
                            JournalEntry.Event.REFUSED,
                            JournalEntry.Event.RESUME,
                            JournalEntry.Event.COMPLETED);
            // A completed journal is not resumed again: a typed refusal saying to start a new run.
            assertThatThrownBy(() -> FailoverSetupOverSsh.main(args))
                    .isInstanceOf(WorkflowException.class)
                    .hasMessageContaining("nothing is left to resume");
        }
    }

    @Test
    void everyExampleProgramHasATestHere() throws Exception {
        List<String> programs;
        try (var files = Files.list(Path.of("src/main/java/io/drbd4j/examples"))) {
            programs = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .sorted()
                    .toList();
        }
        String source = Files.readString(Path.of("src/test/java/io/drbd4j/examples/cli/ExampleProgramsTest.java"));
        assertThat(programs).isNotEmpty().allSatisfy(p -> assertThat(source).contains(p + ".main("));
    }
}
