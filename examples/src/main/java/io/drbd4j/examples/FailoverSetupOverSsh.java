package io.drbd4j.examples;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.chef.FailoverSetup;
import io.drbd4j.chef.Journal;
import io.drbd4j.chef.TextProgressListener;
import io.drbd4j.chef.Workflow;
import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.nio.file.Path;

/**
 * Runs Chef Server HA's failover setup on two backends over ssh, journaled: started again with the same journal
 * after a crash or a refusal, it resumes where the run stopped. Arguments: {@code USER IDENTITY KNOWN_HOSTS
 * JOURNAL}, then {@code NAME ADDRESS SSH_HOST SSH_PORT} for the bootstrap backend and for the other one.
 */
public final class FailoverSetupOverSsh {
    private FailoverSetupOverSsh() {}

    /**
     * Runs the example.
     *
     * @param args the ssh user, private key file, known_hosts file and journal file, then each backend's name,
     *     replication address, ssh host and ssh port
     */
    public static void main(String[] args) {
        try (SshRunner keeper = ssh(args, args[6], args[7]);
                SshRunner other = ssh(args, args[10], args[11])) {
            ChefHaCluster cluster = ChefHaCluster.builder()
                    .addBackend(Backend.of(args[4], args[5], keeper))
                    .addBackend(Backend.of(args[8], args[9], other))
                    .keeper(args[4]) // the bootstrap backend: its copy is the one kept
                    .build();
            Workflow setup = FailoverSetup.workflow(cluster);
            Journal journal = Journal.at(Path.of(args[3]));
            TextProgressListener progress = TextProgressListener.auto(System.out); // a bar on a terminal
            if (journal.entries().isEmpty()) {
                setup.run(progress, journal); // a refused guard throws WorkflowException
            } else {
                setup.resume(progress, journal); // skips what the journal and the hosts show done
            }
            System.out.println("failover setup done: " + args[4] + " is the primary");
        }
    }

    private static SshRunner ssh(String[] args, String host, String port) {
        return SshRunner.shared(SshTarget.builder() // one connection per host, shared by every command
                .user(Arguments.userName(args[0]))
                .host(Arguments.hostName(host))
                .port(Integer.parseInt(port))
                .identity(Path.of(args[1]))
                .knownHosts(Path.of(args[2]))
                .hostKeyChecking(SshTarget.HostKeyChecking.YES)
                .build());
    }
}
