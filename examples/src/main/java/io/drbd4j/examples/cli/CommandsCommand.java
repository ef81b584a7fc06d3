package io.drbd4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.watch.DrbdWatcher;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drbd4j commands --dialect 8.3|8.4 [--resource R] [--minor N] [--rate RATE] [--json]}: prints the argv of
 * every operation of a {@link DrbdDialect}, for operators who want to see what drbd4j would run. Nothing is run.
 *
 * <p>The table has one row per operation, named as DRBD names it ({@code create-md --force}, {@code primary --force},
 * {@code invalidate-remote}: the 8.4 spelling, whatever the dialect's argv), then the command as {@link
 * Command#toShellString()} quotes it, ready to paste. Raising the resync rate for a while has one row per {@link
 * RateMethod} ({@link #rateName}), a plan of several commands joined by {@code &&}, and a section under the table
 * says what rate each plan leads to. An
 * operation the dialect cannot express (the 8.3 dialect has only {@link RateMethod#GUIDE}) shows {@code not
 * available in the 8.3 dialect: } and the dialect's reason instead of failing.
 *
 * <p>{@code --json} prints one line:
 *
 * <pre>{@code
 * {"dialect":"8.4","resource":"pc0","minor":0,"rate":"1100M","operations":[
 *  {"name":"create-md","argv":["drbdadm","create-md","pc0"]}, ...,
 *  {"name":"resync-rate, fixed","argv":[...],"expectedKiBps":40960,"explanation":"..."},
 *  {"name":"resync-rate, fixed + max-buffers","commands":[[...],[...]],"expectedKiBps":...,"explanation":"..."},
 *  ...]}
 * }</pre>
 *
 * <p>A plan of one command has {@code argv}, of several {@code commands}; {@code expectedKiBps} is {@code null}
 * when DRBD's controller decides the rate. An operation the dialect cannot express has {@code unsupported}, the
 * dialect's reason, instead of {@code argv}. An unknown dialect and an invalid resource name, minor or rate are
 * usage errors: {@link Drbd4jCommand#EXIT_FAILURE} and one line on stderr.
 */
@CommandLine.Command(
        name = "commands",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the command line of every DRBD operation as drbd4j would run it in a drbdadm dialect.",
            "Runs nothing. The rate rows show each way to speed up a resync, and which a dialect cannot express."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad arguments: an unknown dialect, or an invalid resource name, minor or rate"})
public final class CommandsCommand implements Callable<Integer> {
    /** DRBD's largest minor number (MINORMASK, 2^20 - 1); 8.3's resync-rate command takes at most 255. */
    private static final int MAX_MINOR = (1 << 20) - 1;

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--dialect",
            paramLabel = "8.3|8.4",
            required = true,
            description = "The drbdadm dialect: 8.4 (RHEL/CentOS 6 with drbd84) or 8.3 (Ubuntu 12.04).")
    private String dialect;

    @Option(
            names = "--resource",
            paramLabel = "NAME",
            defaultValue = "pc0",
            description = "The resource the commands address (default: ${DEFAULT-VALUE}).")
    private String resource;

    @Option(
            names = "--minor",
            paramLabel = "N",
            defaultValue = "0",
            description = "The resource's minor, which 8.3's resync rate command addresses as /dev/drbdN (default:"
                    + " ${DEFAULT-VALUE}).")
    private int minor;

    @Option(
            names = "--rate",
            paramLabel = "RATE",
            defaultValue = "1100M",
            description = "The resync rate for the resync-rate rows, as drbdsetup reads it: KiB/s, or with"
                    + " k, M or G (default: ${DEFAULT-VALUE}).")
    private String rate;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    private boolean json;

    /** Creates the command; picocli sets the options. */
    public CommandsCommand() {}

    /**
     * One row: an operation and its commands, or why the dialect cannot express it.
     *
     * @param method the {@link DrbdDialect} method that builds it, for the test that every one is listed
     * @param name what DRBD calls it, which the table and the JSON show
     * @param commands what drbd4j would run
     * @param plan the resync rate plan of a resync-rate row; null for the others
     * @param unsupported why the dialect cannot express it; null when it can
     */
    record Operation(String method, String name, List<Command> commands, ResyncRatePlan plan, String unsupported) {
        static Operation of(String method, String name, Command command) {
            return new Operation(method, name, List.of(command), null, null);
        }

        static Operation of(String method, String name, ResyncRatePlan plan) {
            return new Operation(method, name, plan.commands(), plan, null);
        }

        static Operation unsupported(String method, String name, String reason) {
            return new Operation(method, name, List.of(), null, reason);
        }
    }

    /**
     * Returns {@link Drbd4jCommand#EXIT_OK}.
     *
     * @return {@link Drbd4jCommand#EXIT_OK}
     * @throws ParameterException for an unknown dialect or an invalid resource name, minor or rate
     */
    @Override
    public Integer call() {
        DrbdDialect d;
        List<Operation> operations;
        try {
            d = DrbdDialect.named(dialect);
            Arguments.resourceName(resource);
            Arguments.rate(rate);
            if (minor < 0 || minor > MAX_MINOR) {
                throw new IllegalArgumentException("minor " + minor + " (expected: 0 to " + MAX_MINOR + ")");
            }
            operations = operations(d, resource, minor, rate);
        } catch (IllegalArgumentException e) {
            // Every value came from the command line; the dialect names the one it rejects (8.3: minor at most 255).
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(d, operations));
        } else {
            table(d, operations, out);
        }
        out.flush();
        return Drbd4jCommand.EXIT_OK;
    }

    /**
     * Returns every operation of the dialect, in the order {@link DrbdDialect} declares them.
     *
     * @return every operation of the dialect, in the order {@link DrbdDialect} declares them
     * @throws IllegalArgumentException when the dialect rejects a value
     */
    static List<Operation> operations(DrbdDialect d, String resource, int minor, String rate) {
        List<Operation> ops = new ArrayList<>();
        add(ops, d, "createMd", "create-md", () -> d.createMd(resource, false));
        add(ops, d, "createMd", "create-md --force", () -> d.createMd(resource, true));
        add(ops, d, "up", "up", () -> d.up(resource));
        add(ops, d, "down", "down", () -> d.down(resource));
        add(ops, d, "attach", "attach", () -> d.attach(resource));
        add(ops, d, "detach", "detach", () -> d.detach(resource));
        add(ops, d, "connect", "connect", () -> d.connect(resource));
        add(ops, d, "connectDiscardingMyData", "connect --discard-my-data", () -> d.connectDiscardingMyData(resource));
        add(ops, d, "disconnect", "disconnect", () -> d.disconnect(resource));
        add(ops, d, "primary", "primary", () -> d.primary(resource));
        add(ops, d, "primaryOverwritingPeer", "primary --force", () -> d.primaryOverwritingPeer(resource));
        add(ops, d, "secondary", "secondary", () -> d.secondary(resource));
        for (RateMethod method : RateMethod.values()) {
            String name = rateName(method);
            try {
                ops.add(Operation.of(
                        "temporaryResyncRate", name, d.temporaryResyncRate(resource, minor, rate, method)));
            } catch (UnsupportedOperationException e) {
                ops.add(Operation.unsupported("temporaryResyncRate", name, reason(e)));
            }
        }
        add(ops, d, "resetResyncRate", "resync-rate reset", () -> d.resetResyncRate(resource));
        add(ops, d, "invalidate", "invalidate", () -> d.invalidate(resource));
        add(ops, d, "invalidateRemote", "invalidate-remote", () -> d.invalidateRemote(resource));
        add(ops, d, "outdate", "outdate", () -> d.outdate(resource));
        add(ops, d, "pauseSync", "pause-sync", () -> d.pauseSync(resource));
        add(ops, d, "resumeSync", "resume-sync", () -> d.resumeSync(resource));
        add(ops, d, "verify", "verify", () -> d.verify(resource));
        add(
                ops,
                d,
                "newCurrentUuidClearBitmap",
                "new-current-uuid --clear-bitmap",
                () -> d.newCurrentUuidClearBitmap(resource));
        add(ops, d, "cstate", "cstate", () -> d.cstate(resource));
        add(ops, d, "dstate", "dstate", () -> d.dstate(resource));
        add(ops, d, "role", "role", () -> d.role(resource));
        add(ops, d, "getGi", "get-gi", () -> d.getGi(resource));
        add(ops, d, "show", "show", () -> d.show(resource, minor));
        add(ops, d, "events", "events", () -> d.events(minor, DrbdWatcher.DEFAULT_SESSION));
        add(ops, d, "dumpMd", "dump-md", () -> d.dumpMd(resource));
        add(ops, d, "resize", "resize", () -> d.resize(resource));
        add(ops, d, "wipeMd", "wipe-md --force", () -> d.wipeMd(resource));
        add(ops, d, "dump", "dump", () -> d.dump(resource));
        add(ops, d, "version", "--version", d::version);
        return ops;
    }

    /**
     * Returns the row name of a way to raise the resync rate for a while: {@code resync-rate} as the Chef guide does
     * it, {@code resync-rate, fixed} (the dynamic controller off), {@code resync-rate, fixed + max-buffers} (and the
     * in-flight ceiling raised).
     *
     * @return the row name of a way to raise the resync rate for a while: {@code resync-rate} as the Chef guide
     *     does it, {@code resync-rate, fixed} (the dynamic controller off), {@code resync-rate, fixed +
     *     max-buffers} (and the in-flight ceiling raised)
     */
    static String rateName(RateMethod method) {
        return switch (method) {
            case GUIDE -> "resync-rate";
            case FIXED_RATE -> "resync-rate, fixed";
            case MAX_BUFFERS -> "resync-rate, fixed + max-buffers";
        };
    }

    private static void add(List<Operation> ops, DrbdDialect d, String method, String name, Supplier<Command> command) {
        try {
            ops.add(Operation.of(method, name, command.get()));
        } catch (UnsupportedOperationException e) {
            ops.add(Operation.unsupported(method, name, reason(e)));
        }
    }

    private static String reason(UnsupportedOperationException e) {
        return Objects.requireNonNullElse(e.getMessage(), "not supported");
    }

    /** A header line, then the table, then what rate each resync rate plan leads to. */
    private void table(DrbdDialect d, List<Operation> operations, PrintWriter out) {
        out.println(d + ", resource " + resource + ", minor " + minor + ", rate " + rate + " (nothing is run):");
        TextTable table = new TextTable("OPERATION", "COMMAND");
        List<String> rates = new ArrayList<>();
        for (Operation op : operations) {
            if (op.unsupported() != null) {
                table.add(
                        op.name(),
                        Visible.escape("not available in the " + d.name() + " dialect: " + op.unsupported()));
                continue;
            }
            String commands = op.commands().stream().map(Command::toShellString).collect(Collectors.joining(" && "));
            table.add(op.name(), Visible.escape(commands));
            if (op.plan() != null) {
                OptionalLong kiBps = op.plan().expectedKiBps();
                String expect = kiBps.isPresent()
                        ? "expect " + kiBps.getAsLong() + " KiB/s"
                        : "DRBD's resync controller decides the rate";
                rates.add("  " + op.name() + ": " + expect + "; "
                        + Visible.escape(op.plan().explanation()));
            }
        }
        table.print(out);
        if (!rates.isEmpty()) {
            out.println("Resync rates:");
            rates.forEach(out::println);
        }
    }

    /**
     * Returns one line of JSON, ASCII only.
     *
     * @return one line of JSON, ASCII only
     */
    private String json(DrbdDialect d, List<Operation> operations) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("dialect", d.name())
                .put("resource", resource)
                .put("minor", minor)
                .put("rate", rate);
        ArrayNode array = root.putArray("operations");
        for (Operation op : operations) {
            ObjectNode node = array.addObject().put("name", op.name());
            if (op.unsupported() != null) {
                node.put("unsupported", op.unsupported());
                continue;
            }
            if (op.commands().size() == 1) {
                argv(node.putArray("argv"), op.commands().get(0));
            } else {
                ArrayNode commands = node.putArray("commands");
                op.commands().forEach(c -> argv(commands.addArray(), c));
            }
            if (op.plan() != null) {
                OptionalLong kiBps = op.plan().expectedKiBps();
                if (kiBps.isPresent()) {
                    node.put("expectedKiBps", kiBps.getAsLong());
                } else {
                    node.putNull("expectedKiBps");
                }
                node.put("explanation", op.plan().explanation());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a tree of strings and numbers as JSON", e);
        }
    }

    private static void argv(ArrayNode array, Command command) {
        command.argv().forEach(array::add);
    }
}
