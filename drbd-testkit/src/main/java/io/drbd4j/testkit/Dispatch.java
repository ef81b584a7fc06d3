package io.drbd4j.testkit;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.testkit.internal.Outcome;
import io.drbd4j.testkit.internal.argv.Call;
import io.drbd4j.testkit.internal.argv.DrbdadmArgv;
import io.drbd4j.testkit.internal.argv.DrbdsetupArgv;
import io.drbd4j.testkit.internal.argv.Parsed;
import io.drbd4j.testkit.internal.argv.SetupCall;
import io.drbd4j.testkit.internal.drbd.DrbdCommands;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import io.drbd4j.testkit.internal.drbd.DrbdPair;
import io.drbd4j.testkit.internal.drbd.ProcView;
import io.drbd4j.testkit.internal.drbd.SetupCommands;
import java.util.List;

/** Runs one command on a simulated host: /proc/drbd, drbdadm, drbdsetup, or the host's own commands. */
final class Dispatch {
    private Dispatch() {}

    /**
     * Returns its result.
     *
     * @param pair the pair (replicates after host commands)
     * @param node the host's node
     * @param command the command
     * @return its result
     */
    static CommandResult run(DrbdPair pair, DrbdNode node, Command command) {
        List<String> argv = command.argv();
        String line = String.join(" ", argv);
        Outcome outcome;
        if (!node.isPowered()) {
            outcome = Outcome.fail(255, "ssh: connect to host " + node.name() + ": No route to host\n");
        } else if (argv.equals(List.of("uname", "-n"))) {
            outcome = Outcome.ok(node.name() + "\n"); // the name DRBD matches against a resource's "on" sections
        } else if (argv.equals(List.of("ip", "-o", "addr", "show"))) {
            outcome = Outcome.ok(ipAddrShow(node));
        } else if (argv.equals(List.of("cat", "/proc/drbd"))) {
            outcome = Outcome.ok(ProcView.text(node));
        } else if (argv.equals(List.of("cat", "/sys/block/drbd" + node.config().minor() + "/size"))) {
            outcome = sysBlockSize(node, argv.get(1));
        } else if (program(argv).equals("drbdadm")) {
            Parsed parsed = DrbdadmArgv.parse(node.dialect(), argv, node.config(), node.kernelVersion());
            outcome =
                    parsed instanceof Call call ? DrbdCommands.run(node, call, line) : ((Parsed.Exit) parsed).outcome();
        } else if (program(argv).equals("drbdsetup")) {
            outcome = setup(node, argv, line);
        } else {
            outcome = node.host().run(argv, command.stdin().orElse(null));
            pair.replicate();
        }
        return CommandResult.of(command, outcome.exitCode(), outcome.stdout(), outcome.stderr());
    }

    private static Outcome setup(DrbdNode node, List<String> argv, String line) {
        try {
            Parsed parsed = DrbdsetupArgv.parse(node.dialect(), argv);
            return parsed instanceof SetupCall call
                    ? SetupCommands.run(node, call, line)
                    : ((Parsed.Exit) parsed).outcome();
        } catch (UnsupportedOperationException e) {
            return Outcome.fail(20, "simulated drbd: unsupported drbdsetup command: " + line + "\n");
        }
    }

    /**
     * {@code cat /sys/block/drbdN/size}: the device's capacity in 512-byte sectors, on either role. An 8.4 minor
     * exists from {@code up} to {@code down} (no file otherwise); 8.3 makes its minors at module load, and a minor
     * without a disk (or a Diskless one's peer disk) has capacity 0 (inferred: the kernel's set_capacity in
     * drbd_determine_dev_size and at detach).
     */
    private static Outcome sysBlockSize(DrbdNode node, String path) {
        if (!node.sysBlockExists()) {
            return Outcome.fail(1, "cat: " + path + ": No such file or directory\n");
        }
        return Outcome.ok(node.capacitySectors() + "\n");
    }

    private static String program(List<String> argv) {
        if (argv.isEmpty()) {
            return "";
        }
        String p = argv.get(0);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** {@code ip -o addr show} (iproute2): one line per address, loopback first, as a Debian host prints them. */
    private static String ipAddrShow(DrbdNode node) {
        return "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet " + node.address() + "/24 scope global eth0\\       valid_lft forever preferred_lft"
                + " forever\n";
    }
}
