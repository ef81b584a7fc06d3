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
     * Returns what drbdsetup prints and exits with.
     *
     * @param n the node
     * @param call the parsed call
     * @param argv the command line, for messages
     * @return what drbdsetup prints and exits with
     */
    public static Outcome run(DrbdNode n, SetupCall call, String argv) {
        synchronized (n.pair) {
            Outcome result;
            if (call.minor() == SetupCall.BY_RESOURCE) {
                result = call.options().equals(java.util.List.of(n.config.name()))
                        ? show(n)
                        : Outcome.fail(10, "Resource unknown\n");
            } else if (call.minor() != n.config.minor()) {
                result = Replies.minorNotAllocated(n, argv);
            } else {
                result = switch (call.command()) {
                    case "syncer", "disk-options" -> MoreCommands.diskOptions(n, call.options());
                    case "role" -> Outcome.ok(n.role.label() + "/" + n.peer.label() + "\n");
                    case "cstate" -> Outcome.ok(n.conn.label() + "\n");
                    case "dstate" -> Outcome.ok(n.disk.label() + "/" + n.pdsk.label() + "\n");
                    case "show" -> show(n);
                    default -> Outcome.fail(20, "simulated drbd: unsupported drbdsetup command: " + argv + "\n");
                };
            }
            n.pair.log(n.name + ": " + argv + " -> " + result.exitCode() + " | " + n);
            return result;
        }
    }

    /**
     * {@code drbdsetup show}, the parts drbd4j reads: the peer address the kernel runs with ({@code _remote_host}, only
     * while the resource has a network configuration) and this host's address, device, disk and meta disk, laid out as
     * drbd-utils prints them (8.4: inside {@code resource NAME}, with the volume; 8.3: at the top level). Options are
     * not listed. A resource that is not up: 8.4 prints nothing, 8.3 exits 10 with its "not configured" line.
     */
    static Outcome show(DrbdNode n) {
        if (!n.exists) {
            return n.dialect.equals("8.3")
                    ? Outcome.fail(10, n.config.minor() + ": Failure: (127) Device minor not allocated\n")
                    : Outcome.ok();
        }
        String remote = n.netConf ? n.pair.configuredPeer(n) + ":" + n.port : null;
        String self = n.address + ":" + n.port;
        StringBuilder out = new StringBuilder();
        if (n.dialect.equals("8.3")) {
            out.append("protocol C;\n_this_host {\n\tdevice\t\t\tminor ")
                    .append(n.config.minor())
                    .append(";\n");
            if (n.disk != io.drbd4j.core.model.DiskState.DISKLESS) {
                out.append("\tdisk\t\t\t\"").append(n.config.disk()).append("\";\n\tmeta-disk\t\tinternal;\n");
            }
            out.append("\taddress\t\t\tipv4 ").append(self).append(";\n}\n");
            if (remote != null) {
                out.append("_remote_host {\n\taddress\t\t\tipv4 ")
                        .append(remote)
                        .append(";\n}\n");
            }
        } else {
            out.append("resource ").append(n.config.name()).append(" {\n    options {\n    }\n");
            if (remote != null) {
                out.append("    net {\n    }\n    _remote_host {\n        address\t\t\tipv4 ")
                        .append(remote)
                        .append(";\n    }\n");
            }
            out.append("    _this_host {\n");
            if (n.netConf) {
                out.append("        address\t\t\tipv4 ").append(self).append(";\n");
            }
            out.append("        volume 0 {\n            device\t\t\tminor ")
                    .append(n.config.minor())
                    .append(";\n");
            if (n.disk != io.drbd4j.core.model.DiskState.DISKLESS) {
                out.append("            disk\t\t\t\"")
                        .append(n.config.disk())
                        .append("\";\n")
                        .append("            meta-disk\t\t\tinternal;\n");
            }
            out.append("        }\n    }\n}\n");
        }
        return Outcome.ok(out.toString());
    }
}
