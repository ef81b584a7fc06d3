package io.drbd4j.examples;

import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.dialect.Detection;
import io.drbd4j.exec.dialect.DialectDetector;
import io.drbd4j.exec.dialect.Platform;
import io.drbd4j.exec.runner.SshRunner;
import io.drbd4j.exec.runner.SshTarget;
import java.nio.file.Path;

/**
 * Asks a host over ssh which DRBD userland it runs and the role of a resource: typed answers, typed refusals.
 * Arguments: {@code USER HOST PORT IDENTITY KNOWN_HOSTS [RESOURCE]}.
 */
public final class RoleOverSsh {
    private RoleOverSsh() {}

    /**
     * Runs the example.
     *
     * @param args the ssh user, host, port, private key file, known_hosts file and optionally the resource
     */
    public static void main(String[] args) {
        SshTarget target = SshTarget.builder()
                .user(Arguments.userName(args[0]))
                .host(Arguments.hostName(args[1]))
                .port(Integer.parseInt(args[2]))
                .identity(Path.of(args[3]))
                .knownHosts(Path.of(args[4]))
                .hostKeyChecking(SshTarget.HostKeyChecking.YES) // never accept an unknown host key
                .build();
        String resource = Arguments.resourceName(args.length > 5 ? args[5] : "pc0");
        try (SshRunner host = SshRunner.shared(target)) { // one ssh connection for every command below
            Detection detected = new DialectDetector(host).detect(Platform.USERLAND_84);
            System.out.println("dialect " + detected.dialect().name() + " (" + detected.source() + ")");
            DrbdAdm drbdadm = new CliDrbdAdm(host, detected.dialect());
            try {
                System.out.println("role: " + drbdadm.role(resource));
            } catch (CommandFailedException e) { // a refusal is typed: exit class, DRBD's reason, stderr
                System.out.println("refused: exit " + e.exitCode() + " (" + e.exitClass() + ")");
            }
        }
    }
}
