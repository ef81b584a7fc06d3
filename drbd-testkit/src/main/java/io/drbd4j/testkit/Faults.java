package io.drbd4j.testkit;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandTimeoutException;
import io.drbd4j.testkit.internal.drbd.DrbdCommands;
import io.drbd4j.testkit.internal.drbd.DrbdNode;
import io.drbd4j.testkit.internal.drbd.DrbdPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Faults on demand for a {@link SimulatedDrbdCluster}: crashes, partitions, backing-disk
 * failures, commands that hang or fail, and replacing a lost host. Each fault is written to the event log. A fault
 * runs at once, or {@link #at} a simulated instant: then on the first clock step that reaches it.
 *
 * <pre>{@code
 * cluster.faults().at(Duration.ofMinutes(3), () -> cluster.faults().crashForGood("be1"));
 * cluster.faults().hangNext("be2", "drbdadm primary");
 * }</pre>
 */
public final class Faults implements PairFaults {
    private final SimulatedDrbdCluster cluster;
    private final DrbdPair pair;
    private final Set<String> gone = new HashSet<>();
    private final List<CommandFault> commandFaults = new ArrayList<>();
    private final List<Scheduled> scheduled = new ArrayList<>();

    private record CommandFault(String host, String words, boolean hang, int exitCode, String stderr) {}

    private record Scheduled(Duration at, Runnable fault) {}

    /** Faults due before a given command: the count of commands the runners have received, from 1. */
    private record AtCommand(long command, Runnable fault) {}

    private final List<AtCommand> atCommands = new ArrayList<>();
    private long commands;

    Faults(SimulatedDrbdCluster cluster, DrbdPair pair) {
        this.cluster = cluster;
        this.pair = pair;
        cluster.time().onAdvance(step -> runDue());
    }

    /**
     * The host crashes (power off): its DRBD state is lost, the peer loses the connection. It can boot again
     * with {@link #reboot}.
     *
     * @param host a running host
     */
    @Override
    public void crash(String host) {
        pair.log("fault: crash " + host);
        cluster.stop(host);
    }

    /**
     * The host boots after a {@link #crash}: DRBD is down, metadata survived.
     *
     * @param host a crashed host that is not gone for good
     */
    @Override
    public void reboot(String host) {
        pair.log("fault: reboot " + host);
        cluster.start(host);
    }

    /**
     * The host crashes and never comes back: its copy of the data is lost.
     *
     * @param host a host
     */
    @Override
    public void crashForGood(String host) {
        pair.log("fault: crash " + host + " for good");
        if (cluster.node(host).isPowered()) {
            cluster.stop(host);
        }
        synchronized (this) {
            gone.add(host);
        }
        cluster.checkLoss("crash " + host + " for good");
    }

    /**
     * Returns whether it crashed for good (or was replaced).
     *
     * @param host a host name
     * @return whether it crashed for good (or was replaced)
     */
    public synchronized boolean isGone(String host) {
        return gone.contains(host);
    }

    /** The replication link stops carrying traffic: both nodes lose their peer. */
    @Override
    public void partition() {
        pair.log("fault: partition");
        cluster.link(false);
    }

    /** The replication link works again: nodes waiting for a connection connect. */
    @Override
    public void heal() {
        pair.log("fault: heal");
        cluster.link(true);
    }

    /**
     * The host's backing disk fails under {@code on-io-error detach}: Failed then Diskless, the peer shows
     * Diskless. The disk stays dead: recovery is a new disk, {@code create-md} and {@code attach}.
     *
     * @param host a host with an attached disk
     */
    public void diskFailure(String host) {
        pair.log("fault: disk failure on " + host);
        pair.diskFailure(cluster.node(host));
        cluster.checkLoss("disk failure on " + host);
    }

    /**
     * The host's connection is left StandAlone, as after a failed handshake or an operator's {@code disconnect}:
     * the situation of the Chef guide's lost-primary scenario, where the surviving secondary does not wait for its
     * peer. Nothing happens when the host is down, not up, or already StandAlone.
     *
     * @param host a host name
     */
    public void leaveStandAlone(String host) {
        pair.log("fault: " + host + " left StandAlone");
        DrbdNode node = cluster.node(host);
        if (node.isPowered()) {
            DrbdCommands.disconnect(node);
        }
        cluster.checkLoss(host + " left StandAlone");
    }

    /**
     * The next command on the host whose argv (joined by spaces) contains {@code words} hangs: the runner advances
     * simulated time by the command's timeout and throws {@link CommandTimeoutException}; nothing runs.
     *
     * @param host a host name
     * @param words such as {@code "drbdadm primary"}
     */
    public synchronized void hangNext(String host, String words) {
        cluster.node(host);
        pair.log("fault: next '" + words + "' on " + host + " hangs");
        commandFaults.add(new CommandFault(host, words, true, 0, ""));
    }

    /**
     * The next command on the host whose argv (joined by spaces) contains {@code words} fails as DRBD would: the
     * exit code and standard error given, nothing runs.
     *
     * @param host a host name
     * @param words such as {@code "drbdadm connect"}
     * @param exitCode such as 10 ({@code drbdsetup} state change refused)
     * @param stderr such as {@code "0: State change failed: (-2) Need access to UpToDate data\n"}
     */
    public synchronized void failNext(String host, String words, int exitCode, String stderr) {
        cluster.node(host);
        if (exitCode == 0) {
            throw new IllegalArgumentException("exit code 0 is not a failure");
        }
        pair.log("fault: next '" + words + "' on " + host + " fails with exit code " + exitCode);
        commandFaults.add(new CommandFault(host, words, false, exitCode, Objects.requireNonNull(stderr, "stderr")));
    }

    /**
     * Replaces a crashed host by a new machine on another address, with a blank disk (no metadata) of the
     * builder's size ({@code backingSize(name, bytes)} for the new name, else {@code backingSize}) and the lost
     * host's DRBD version: the old host is gone for good, the new one is powered with DRBD down.
     *
     * @param lost a crashed host
     * @param name the new host's name
     * @param address its replication address
     */
    @Override
    public void replaceHost(String lost, String name, String address) {
        pair.log("fault: replace " + lost + " by " + name);
        cluster.replace(lost, name, address);
        synchronized (this) {
            gone.add(lost);
        }
        cluster.checkLoss("replace " + lost + " by " + name);
    }

    /**
     * Runs a fault at a simulated instant: on the first clock step that reaches it (at once if already past).
     *
     * @param sinceStart the instant, as time since the clock's start
     * @param fault such as {@code () -> faults.crash("be1")}
     */
    public void at(Duration sinceStart, Runnable fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (this) {
            scheduled.add(new Scheduled(Objects.requireNonNull(sinceStart, "sinceStart"), fault));
        }
        runDue();
    }

    /**
     * Runs a fault just before the Nth command the cluster's runners receive from now on (any host; 1 is the next
     * command), so a test can strike between two steps of a procedure it does not control.
     *
     * @param n how many commands ahead, 1 or more
     * @param fault such as {@code () -> faults.crash("be1")}
     */
    public void atCommand(int n, Runnable fault) {
        Objects.requireNonNull(fault, "fault");
        if (n < 1) {
            throw new IllegalArgumentException("command " + n + " (expected: 1 or more)");
        }
        synchronized (this) {
            atCommands.add(new AtCommand(commands + n, fault));
        }
    }

    /** Counts a command about to run and runs the faults scheduled for it, in the order they were scheduled. */
    void beforeCommand() {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            commands++;
            for (Iterator<AtCommand> it = atCommands.iterator(); it.hasNext(); ) {
                AtCommand a = it.next();
                if (a.command() == commands) {
                    due.add(a.fault());
                    it.remove();
                }
            }
        }
        due.forEach(Runnable::run);
    }

    /**
     * Returns the command fault for this command, or empty; throws for a hang after advancing time.
     *
     * @return the command fault for this command, or empty; throws for a hang after advancing time
     */
    Optional<CommandResult> intercept(String host, Command command) {
        CommandFault fault = take(host, String.join(" ", command.argv()));
        if (fault == null) {
            return Optional.empty();
        }
        if (fault.hang()) {
            pair.log(host + ": hangs: " + String.join(" ", command.argv()));
            cluster.time().advance(command.timeout());
            pair.log(host + ": killed after the timeout of " + command.timeout().toMillis() + " ms");
            throw new CommandTimeoutException(command, "", new byte[0], new byte[0]);
        }
        pair.log(host + ": fails with exit code " + fault.exitCode() + ": " + String.join(" ", command.argv()));
        return Optional.of(CommandResult.of(command, fault.exitCode(), "", fault.stderr()));
    }

    private synchronized @Nullable CommandFault take(String host, String line) {
        for (Iterator<CommandFault> it = commandFaults.iterator(); it.hasNext(); ) {
            CommandFault f = it.next();
            if (f.host().equals(host) && line.contains(f.words())) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private void runDue() {
        List<Scheduled> due = new ArrayList<>();
        Duration now = cluster.time().elapsed();
        synchronized (this) {
            for (Iterator<Scheduled> it = scheduled.iterator(); it.hasNext(); ) {
                Scheduled s = it.next();
                if (s.at().compareTo(now) <= 0) {
                    due.add(s);
                    it.remove();
                }
            }
        }
        due.sort(Comparator.comparing(Scheduled::at));
        due.forEach(s -> s.fault().run());
    }
}
