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
 * <p>The table has one row per operation: its name, then the command as {@link Command#toShellString()} quotes it,
 * ready to paste. {@code createMd} appears twice, without and with {@code force} ({@code createMd.force}); {@code
 * temporaryResyncRate} has one row per {@link RateMethod} ({@code temporaryResyncRate.FIXED_RATE}), a plan of
 * several commands joined by {@code &&}, and a section under the table says what rate each plan leads to. An
 * operation the dialect cannot express (the 8.3 dialect has only {@link RateMethod#GUIDE}) shows {@code not
 * available in the 8.3 dialect: } and the dialect's reason instead of failing.
 *
 * <p>{@code --json} prints one line:
 *
 * <pre>{@code
 * {"dialect":"8.4","resource":"pc0","minor":0,"rate":"1100M","operations":[
 *  {"name":"createMd","argv":["drbdadm","create-md","pc0"]}, ...,
 *  {"name":"temporaryResyncRate.FIXED_RATE","argv":[...],"expectedKiBps":40960,"explanation":"..."},
 *  {"name":"temporaryResyncRate.MAX_BUFFERS","commands":[[...],[...]],"expectedKiBps":...,"explanation":"..."},
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
            description = "The resync rate for the temporaryResyncRate rows, as drbdsetup reads it: KiB/s, or with"
                    + " k, M or G (default: ${DEFAULT-VALUE}).")
    private String rate;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    private boolean json;

    /** Creates the command; picocli sets the options. */
    public CommandsCommand() {}

    /** One row: an operation and its commands, or why the dialect cannot express it. */
    record Operation(String name, List<Command> commands, ResyncRatePlan plan, String unsupported) {
        static Operation of(String name, Command command) {
            return new Operation(name, List.of(command), null, null);
        }

        static Operation of(String name, ResyncRatePlan plan) {
            return new Operation(name, plan.commands(), plan, null);
        }

        static Operation unsupported(String name, String reason) {
            return new Operation(name, List.of(), null, reason);
        }
    }

    /**
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
     * @return every operation of the dialect, in the order {@link DrbdDialect} declares them
     * @throws IllegalArgumentException when the dialect rejects a value
     */
    static List<Operation> operations(DrbdDialect d, String resource, int minor, String rate) {
        List<Operation> ops = new ArrayList<>();
        add(ops, d, "createMd", () -> d.createMd(resource, false));
        add(ops, d, "createMd.force", () -> d.createMd(resource, true));
        add(ops, d, "up", () -> d.up(resource));
        add(ops, d, "down", () -> d.down(resource));
        add(ops, d, "attach", () -> d.attach(resource));
        add(ops, d, "detach", () -> d.detach(resource));
        add(ops, d, "connect", () -> d.connect(resource));
        add(ops, d, "connectDiscardingMyData", () -> d.connectDiscardingMyData(resource));
        add(ops, d, "disconnect", () -> d.disconnect(resource));
        add(ops, d, "primary", () -> d.primary(resource));
        add(ops, d, "primaryOverwritingPeer", () -> d.primaryOverwritingPeer(resource));
        add(ops, d, "secondary", () -> d.secondary(resource));
        for (RateMethod method : RateMethod.values()) {
            String name = "temporaryResyncRate." + method.name();
            try {
                ops.add(Operation.of(name, d.temporaryResyncRate(resource, minor, rate, method)));
            } catch (UnsupportedOperationException e) {
                ops.add(Operation.unsupported(name, reason(e)));
            }
        }
        add(ops, d, "resetResyncRate", () -> d.resetResyncRate(resource));
        add(ops, d, "invalidate", () -> d.invalidate(resource));
        add(ops, d, "invalidateRemote", () -> d.invalidateRemote(resource));
        add(ops, d, "outdate", () -> d.outdate(resource));
        add(ops, d, "pauseSync", () -> d.pauseSync(resource));
        add(ops, d, "resumeSync", () -> d.resumeSync(resource));
        add(ops, d, "verify", () -> d.verify(resource));
        add(ops, d, "newCurrentUuidClearBitmap", () -> d.newCurrentUuidClearBitmap(resource));
        add(ops, d, "cstate", () -> d.cstate(resource));
        add(ops, d, "dstate", () -> d.dstate(resource));
        add(ops, d, "role", () -> d.role(resource));
        add(ops, d, "getGi", () -> d.getGi(resource));
        add(ops, d, "show", () -> d.show(resource, minor));
        add(ops, d, "dumpMd", () -> d.dumpMd(resource));
        add(ops, d, "dump", () -> d.dump(resource));
        add(ops, d, "version", d::version);
        return ops;
    }

    private static void add(List<Operation> ops, DrbdDialect d, String name, Supplier<Command> command) {
        try {
            ops.add(Operation.of(name, command.get()));
        } catch (UnsupportedOperationException e) {
            ops.add(Operation.unsupported(name, reason(e)));
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

    /** @return one line of JSON, ASCII only */
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
