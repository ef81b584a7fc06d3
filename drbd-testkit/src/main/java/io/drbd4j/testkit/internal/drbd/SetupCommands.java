package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.testkit.internal.Outcome;
import io.drbd4j.testkit.internal.argv.SetupCall;

/**
 * Direct drbdsetup calls as drbd4j sends them: the resync-rate forms ({@code syncer} on 8.3, {@code disk-options}
 * on 8.4) and the queries {@code role}, {@code cstate}, {@code dstate}. Anything else exits 20 with the argv.
 */
public final class SetupCommands {
    private SetupCommands() {}

    /**
     * @param n the node
     * @param call the parsed call
     * @param argv the command line, for messages
     * @return what drbdsetup prints and exits with
     */
    public static Outcome run(DrbdNode n, SetupCall call, String argv) {
        synchronized (n.pair) {
            Outcome result;
            if (call.minor() != n.config.minor()) {
                result = Replies.minorNotAllocated(n, argv);
            } else {
                result = switch (call.command()) {
                    case "syncer", "disk-options" -> MoreCommands.diskOptions(n, call.options());
                    case "role" -> Outcome.ok(n.role.label() + "/" + n.peer.label() + "\n");
                    case "cstate" -> Outcome.ok(n.conn.label() + "\n");
                    case "dstate" -> Outcome.ok(n.disk.label() + "/" + n.pdsk.label() + "\n");
                    default -> Outcome.fail(20, "simulated drbd: unsupported drbdsetup command: " + argv + "\n");
                };
            }
            n.pair.log(n.name + ": " + argv + " -> " + result.exitCode() + " | " + n);
            return result;
        }
    }
}
