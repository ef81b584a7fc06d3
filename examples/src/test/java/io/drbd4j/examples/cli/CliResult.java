package io.drbd4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drbd4j.core.time.Sleeper;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What one in-process run of the {@code drbd4j} command line returned and printed. */
record CliResult(int exitCode, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param args the arguments after {@code drbd4j}
     * @return the exit code and everything printed to stdout and stderr
     */
    static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Drbd4jCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    /**
     * Runs {@code drbd4j plan WORKFLOW} on two backends that are never reached (be1=10.0.0.1, be2=10.0.0.2, DRBD 8.4):
     * for the options a plan on hosts checks before it connects.
     *
     * @param workflow the workflow's name
     * @param options its options after the backends
     * @return the exit code and everything printed to stdout and stderr
     */
    static CliResult planOnHosts(String workflow, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "plan", workflow, "--backend", "be1=10.0.0.1", "--backend", "be2=10.0.0.2", "--dialect", "8.4"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    /**
     * Runs the command line in this JVM with the given standard input, on the system clock and without a terminal.
     *
     * @param stdin what the operator types, lines ended by '\n'
     * @param args the arguments after {@code drbd4j}
     * @return the exit code and everything printed to stdout and stderr
     */
    static CliResult run(String stdin, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Drbd4jCommand command = new Drbd4jCommand(false, Sleeper.system(), new StringReader(stdin), CtrlC.manual());
        int exit = Drbd4jCommand.run(command, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new CliResult(exit, out.toString(), err.toString());
    }

    /** @return stdout parsed as JSON */
    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stdout is not JSON: " + out, e);
        }
    }
}
