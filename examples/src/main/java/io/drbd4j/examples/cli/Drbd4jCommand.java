package io.drbd4j.examples.cli;

import io.drbd4j.chef.WorkflowException;
import io.drbd4j.core.time.Sleeper;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code drbd4j} command line; each subcommand is one class:
 *
 * <ul>
 *   <li>{@code drbd4j status} ({@link StatusCommand}): the version and every device of {@code /proc/drbd} as a
 *       table or JSON, from a local file or, with {@code --ssh USER@HOST}, from another host over ssh; once or
 *       with {@code --watch}; or once as Prometheus text ({@code --prometheus}).
 *   <li>{@code drbd4j exporter} ({@link ExporterCommand}): serves the devices of {@code /proc/drbd} to Prometheus
 *       over HTTP, one read per scrape, from a local file or over one ssh connection.
 *   <li>{@code drbd4j commands} ({@link CommandsCommand}): the argv of every operation of a drbdadm dialect
 *       ({@code --dialect 8.3|8.4}), as drbd4j would run them; runs nothing.
 *   <li>{@code drbd4j plan} ({@link PlanCommand}): the steps of a Chef HA workflow ({@code failover-setup},
 *       {@code prepare}, {@code recover-primary}, {@code switchover}, {@code rejoin-secondary}, {@code
 *       replace-secondary}, {@code split-brain-recovery}, {@code both-secondary}, {@code grow-volume}, {@code
 *       prepare-storage}) as text or JSON, for a simulated pair or, with two {@code --backend}, for live hosts over
 *       ssh; changes nothing.
 *   <li>{@code drbd4j demo} ({@link DemoCommand}): runs one of those workflows on the state it is for, staged on a
 *       simulated pair in simulated time, with its steps, commands, resync progress and the data-loss report.
 *   <li>{@code drbd4j run} ({@link RunCommand}) and {@code drbd4j resume} ({@link ResumeCommand}): run one of those
 *       workflows on two live hosts over ssh, with a typed confirmation before each step that can destroy data, a
 *       journal, Ctrl-C between commands, and the resume of a run that stopped.
 *   <li>{@code drbd4j ha-status} ({@link HaStatusCommand}): both Chef HA backends and whether each can be lost
 *       now, as a table or JSON, over ssh or ({@code --demo}) for a simulated pair.
 *   <li>{@code drbd4j check} ({@link CheckCommand}): a Nagios plugin over {@code /proc/drbd} here or over ssh, or
 *       over a Chef HA pair; its exit codes are Nagios's own (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, bad
 *       arguments included), not the ones below.
 * </ul>
 *
 * <p>Exit codes: {@link #EXIT_OK} on success; {@link #EXIT_FAILURE} for wrong arguments (including values that
 * fail drbd-exec's {@code Arguments} checks: resource, user and host names, and {@code --interval} or {@code
 * --count} without {@code --watch}), input that cannot be read, a host that ssh cannot reach or read, and input a
 * strict parse rejects; {@link #EXIT_WORKFLOW_STOPPED} when a Chef HA workflow stopped ({@link WorkflowException}: a
 * guard refused a step, a command failed, a wait timed out, or a dialect could not be told); {@link #EXIT_NOT_SAFE}
 * from {@code status --fail-unless-safe} when a device is not safe, and from {@code ha-status --fail-unless-healthy}
 * when the pair is not healthy (without those options both exit 0 whatever they show). A failure prints exactly one
 * line on stderr,
 * starting with the command, for example {@code drbd4j status: cannot read /nope: No such file or directory} or
 * {@code drbd4j status: cannot reach root@db1 over ssh: ssh: connect to host db1 port 22: Connection refused}.
 *
 * <p>The library logs through slf4j (slf4j-simple in the jar): nothing by default, so that stderr holds only that
 * line; {@code --verbose} (any subcommand) shows every log line at DEBUG and up on stderr (the commands run on each
 * host, ssh connections opened and closed, workflow steps), {@code --quiet} keeps it off even when the system
 * property {@code org.slf4j.simpleLogger.defaultLogLevel} asks for more. slf4j reads its level once per process,
 * at the first command run in it. Every ssh connection a command opens ({@link SshConnections}) is closed when it
 * returns.
 *
 * <pre>{@code
 * int exit = Drbd4jCommand.run(out, err, "status", "--file", "/proc/drbd", "--json");
 * int exit = Drbd4jCommand.run(out, err, "status", "--ssh", "root@db1", "--known-hosts", "/etc/drbd4j/known_hosts");
 * int exit = Drbd4jCommand.run(out, err, "commands", "--dialect", "8.3", "--resource", "pc0");
 * }</pre>
 */
@Command(
        name = "drbd4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads DRBD's state, here or on another host over ssh, and shows the drbdadm commands drbd4j runs;"
                    + " plans, demonstrates and checks the Chef HA workflows; 'check' is a Nagios plugin."
        },
        subcommands = {
            StatusCommand.class,
            ExporterCommand.class,
            CommandsCommand.class,
            PlanCommand.class,
            DemoCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            HaStatusCommand.class,
            CheckCommand.class
        })
public final class Drbd4jCommand implements Callable<Integer> {
    /** Exit code on success, also when a lenient read listed problems. */
    public static final int EXIT_OK = 0;

    /** Exit code when a Chef HA workflow stopped: its {@link WorkflowException} message is on stderr. */
    public static final int EXIT_WORKFLOW_STOPPED = 1;

    /** Exit code for wrong arguments, unreadable input and input a strict parse rejects. */
    public static final int EXIT_FAILURE = 2;

    /**
     * Exit code of {@code status --fail-unless-safe} when a configured device is not safe (or none is configured, or
     * a lenient read listed problems), and of {@code ha-status --fail-unless-healthy} when the pair is not healthy.
     */
    public static final int EXIT_NOT_SAFE = 1;

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show drbd4j's log on stderr: each command it runs and on which host, ssh connections,"
                    + " workflow steps.")
    private boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "No log on stderr (the default); only a failure's one line.")
    private boolean quiet;

    private final SshConnections connections = new SshConnections();
    private final boolean terminal;
    private final Sleeper sleeper;
    private final BufferedReader in;
    private final CtrlC ctrlC;
    private Map<String, String> environment = System.getenv();
    private CommandRunner localRunner;

    /**
     * Creates the command line.
     *
     * @param terminal whether stdout is a terminal, where {@code status --watch} redraws the screen
     * @param sleeper how {@code --watch} waits between reads
     */
    Drbd4jCommand(boolean terminal, Sleeper sleeper) {
        this(terminal, sleeper, new StringReader(""), CtrlC.manual());
    }

    /**
     * Creates the command line with its input and its Ctrl-C handling.
     *
     * @param terminal whether stdout is a terminal, where {@code status --watch} redraws the screen
     * @param sleeper how {@code --watch} waits between reads
     * @param in where {@code run} and {@code resume} read the operator's confirmations; never closed
     * @param ctrlC the Ctrl-C that {@code run} and {@code resume} stop at
     */
    Drbd4jCommand(boolean terminal, Sleeper sleeper, Reader in, CtrlC ctrlC) {
        this.terminal = terminal;
        this.sleeper = sleeper;
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.ctrlC = ctrlC;
    }

    /**
     * Creates the command for a non-terminal output and real time; picocli fills it in. Its standard input is empty:
     * {@code run} asks for no confirmation it can get, so only {@code --confirm-destroy} lets a destructive step run.
     */
    public Drbd4jCommand() {
        this(false, Sleeper.system());
    }

    boolean stdoutIsTerminal() {
        return terminal;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Returns this command.
     *
     * @param environment the environment to read {@code NO_COLOR} and {@code TERM} from, instead of the process's
     * @return this command
     */
    Drbd4jCommand environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /**
     * Returns this command.
     *
     * @param runner what runs commands on this host ({@code status}'s lookup of resource names and mounts), instead
     *     of a {@link CommonsExecRunner}
     * @return this command
     */
    Drbd4jCommand localRunner(CommandRunner runner) {
        this.localRunner = runner;
        return this;
    }

    /**
     * Returns the colours of the tables: only on a terminal, and never with {@code NO_COLOR} set.
     *
     * @return the colours of the tables: only on a terminal, and never with {@code NO_COLOR} set
     */
    Palette palette() {
        return Palette.forOutput(terminal, environment);
    }

    /**
     * Returns what runs commands on this host.
     *
     * @return what runs commands on this host
     */
    CommandRunner localRunner() {
        if (localRunner == null) {
            localRunner = CommonsExecRunner.create();
        }
        return localRunner;
    }

    BufferedReader in() {
        return in;
    }

    CtrlC ctrlC() {
        return ctrlC;
    }

    /**
     * Returns the ssh runners of the command that runs, closed when it returns.
     *
     * @return the ssh runners of the command that runs, closed when it returns
     */
    SshConnections connections() {
        return connections;
    }

    /**
     * Returns the ssh runners of the {@code drbd4j} command it runs under.
     *
     * @param spec a subcommand's (or a mixin's mixee's) spec
     * @return the ssh runners of the {@code drbd4j} command it runs under
     * @throws IllegalStateException when it does not run under one
     */
    static SshConnections connections(CommandSpec spec) {
        for (CommandLine line = spec.commandLine(); line != null; line = line.getParent()) {
            if (line.getCommand() instanceof Drbd4jCommand top) {
                return top.connections;
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " does not run under drbd4j");
    }

    /**
     * Returns now, on the parent's clock (the system clock without a parent): the timestamp of JSON output.
     *
     * @param parent the command a subcommand runs under; null when picocli did not set it
     * @return now, on the parent's clock (the system clock without a parent): the timestamp of JSON output
     */
    static Instant now(Drbd4jCommand parent) {
        return parent == null ? Instant.now() : parent.sleeper.clock().instant();
    }

    /**
     * Runs without a subcommand: a usage error.
     *
     * @return never
     * @throws ParameterException always
     */
    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "missing subcommand (expected: "
                        + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /**
     * Runs the command line in this process. Thread-safe: each call builds its own commands.
     *
     * @param out where results go; flushed, not closed
     * @param err where the one-line failure message goes; flushed, not closed
     * @param args the arguments, for example {@code status --json}
     * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_WORKFLOW_STOPPED}, {@link #EXIT_NOT_SAFE} or {@link
     *     #EXIT_FAILURE}; for {@code check}, its Nagios state's code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new Drbd4jCommand(), out, err, args);
    }

    static int run(Drbd4jCommand command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(command)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(Drbd4jCommand::usageError)
                .setExecutionExceptionHandler(Drbd4jCommand::failure)
                .setExecutionStrategy(parsed -> {
                    command.configureLogging(parsed);
                    return new RunLast().execute(parsed);
                });
        try {
            return cli.execute(args);
        } finally {
            command.connections.close();
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String... args) {
        Drbd4jCommand command = new Drbd4jCommand(
                Terminal.stdoutIsTerminal(),
                Sleeper.system(),
                new InputStreamReader(System.in, Charset.defaultCharset()),
                CtrlC.fromSignals(System.err));
        int exit = run(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(exit);
    }

    /**
     * Sets slf4j-simple's level on stderr before anything logs: off, unless {@code --verbose} (DEBUG) or, without
     * {@code --quiet}, the system property already says. slf4j-simple reads it when the first logger is made.
     */
    private void configureLogging(ParseResult parsed) {
        if (verbose && quiet) {
            throw new ParameterException(
                    parsed.commandSpec().commandLine(), "--verbose and --quiet exclude each other");
        }
        String level = "org.slf4j.simpleLogger.defaultLogLevel";
        if (verbose) {
            System.setProperty(level, "debug");
        } else if (quiet) {
            System.setProperty(level, "off");
        } else {
            System.getProperties().putIfAbsent(level, "off");
        }
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String message = Visible.escape(String.valueOf(e.getMessage()));
        command.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        if (command.getCommandSpec().userObject() instanceof CheckCommand) {
            // The Nagios plugin guidelines: invalid arguments are UNKNOWN, and the monitor shows stdout's line.
            CheckResult unknown = new CheckResult().raise(CheckState.UNKNOWN).part(name + ": " + message);
            command.getOut().println(unknown.line());
            return unknown.state().exitCode();
        }
        return EXIT_FAILURE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parseResult) throws Exception {
        if (!(e instanceof CliFailure) && !(e instanceof WorkflowException)) {
            throw e;
        }
        Exception shown = e instanceof WorkflowException w ? withCliAdvice(w) : e;
        String message = Visible.escape(String.valueOf(shown.getMessage()));
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message);
        return e instanceof WorkflowException ? EXIT_WORKFLOW_STOPPED : EXIT_FAILURE;
    }

    /** The step of chef-ha-workflows' Pair that asks each backend for its DRBD userland (DialectDetector). */
    static final String DETECT_DIALECT = "detect-dialect";

    /**
     * Returns the stop with advice in the command line's words: where the library tells a Java caller to give a
     * backend's dialect in code, the operator gets {@code --dialect}.
     *
     * @return the stop with advice in the command line's words: where the library tells a Java caller to give a
     *     backend's dialect in code, the operator gets {@code --dialect}
     */
    static WorkflowException withCliAdvice(WorkflowException e) {
        if (!DETECT_DIALECT.equals(e.step())) {
            return e;
        }
        String host = e.host().orElse("the backend");
        return new WorkflowException(
                e.reason(),
                e.workflow(),
                e.step(),
                e.host().orElse(null),
                e.seen(),
                e.required(),
                "give the dialect: --dialect 8.4 (drbd84-utils, RHEL/CentOS 6) or --dialect 8.3 (Ubuntu 12.04); or"
                        + " install DRBD 8.3 or 8.4 userland on " + host + " and load its drbd module (modprobe drbd)"
                        + " so that it can be detected",
                e);
    }
}
