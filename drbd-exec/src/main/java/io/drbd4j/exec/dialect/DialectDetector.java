package io.drbd4j.exec.dialect;

import io.drbd4j.core.model.DrbdVersion;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommandStartException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Tells which drbdadm dialect a host speaks, in this order: {@code drbdadm --version}
 * ({@code DRBDADM_API_VERSION} 88 = 8.3, 1 = 8.4; 2 is the DRBD 9 tool, which dispatches to the 8.x tools once a
 * module is loaded: with no module the {@code /proc/drbd} version line or the preset decides, with a 9.x module it
 * is refused); then {@code /proc/drbd}'s first line; {@code /etc/os-release} only for diagnostics. Detection wins
 * over a preset; a disagreement is reported in the result. Thread-safe.
 */
public final class DialectDetector {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommandRunner runner;

    /**
     * Creates a detector that probes the host through {@code runner}.
     *
     * @param runner runs the probes on the host
     */
    public DialectDetector(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Returns the detected dialect.
     *
     * @return the detected dialect
     * @throws DialectDetectionException when nothing on the host tells, or the host runs DRBD 9
     */
    public Detection detect() {
        return detect(Optional.empty());
    }

    /**
     * Returns the detected dialect, or the preset's when the host cannot tell.
     *
     * @param preset what the caller believes the host is
     * @return the detected dialect, or the preset's when the host cannot tell
     * @throws DialectDetectionException when the host runs DRBD 9
     */
    public Detection detect(Platform preset) {
        return detect(Optional.of(preset));
    }

    private Detection detect(Optional<Platform> preset) {
        Optional<DrbdadmVersion> drbdadm = drbdadmVersion();
        Optional<DrbdVersion> kernel = procDrbdVersion();
        Detection.Builder result = Detection.builder()
                .drbdadm(drbdadm)
                .kernelRelease(kernel.map(DrbdVersion::release))
                .preset(preset)
                .operatingSystem(operatingSystem());
        OptionalInt api = drbdadm.map(DrbdadmVersion::api).orElse(OptionalInt.empty());
        // A DRBD 9 module is refused whatever drbdadm speaks: an 8.x userland cannot drive it either.
        refuseDrbd9(drbdadm, kernel);
        DrbdDialect dialect;
        if (api.isPresent() && (api.getAsInt() == 88 || api.getAsInt() == 1)) {
            dialect = api.getAsInt() == 88 ? DrbdDialect.drbd83() : DrbdDialect.drbd84();
            result.source(Detection.Source.DRBDADM_VERSION);
            // Then /proc/drbd's first line: any other series in /proc/drbd (8.3 vs 8.4, or an 8.0/8.2 module) is a
            // mismatch.
            kernel.filter(k -> !(k.major() + "." + k.minor()).equals(dialect.name()))
                    .ifPresent(k -> result.addDisagreement("drbdadm speaks " + dialect.name() + " (api "
                            + api.getAsInt() + ") but /proc/drbd reports " + k.release()
                            + ": the tools may not drive this module"));
        } else {
            Optional<DrbdDialect> fromKernel = kernel.flatMap(DialectDetector::dialectOf);
            if (fromKernel.isPresent()) {
                dialect = fromKernel.get();
                result.source(Detection.Source.PROC_DRBD);
            } else if (preset.isPresent()) {
                dialect = preset.get().dialect();
                result.source(Detection.Source.PRESET);
            } else {
                String seen = api.isPresent() ? "api " + api.getAsInt() : drbdadm.isPresent() ? "no api" : "nothing";
                // api 2 is drbd-utils 9, which drives an 8.4 module as well as a DRBD 9 one: only the module tells.
                String utils9 = api.isPresent() && api.getAsInt() == 2 ? " (drbd-utils 9, for 8.4 and 9 modules)" : "";
                throw new DialectDetectionException("cannot tell the DRBD dialect: drbdadm --version gave " + seen
                        + utils9 + " and /proc/drbd "
                        + kernel.map(k -> "version " + k.release()).orElse("no version (is the drbd module loaded?)")
                        + " (expected: api 88 or 1, a loaded 8.3 or 8.4 module, or a platform preset)");
            }
        }
        preset.filter(p -> !p.dialect().name().equals(dialect.name()))
                .ifPresent(p -> result.addDisagreement("preset " + p.label() + " says "
                        + p.dialect().name() + ", the host says " + dialect.name() + "; using " + dialect.name()));
        return result.dialect(dialect).build();
    }

    private static void refuseDrbd9(Optional<DrbdadmVersion> drbdadm, Optional<DrbdVersion> kernel) {
        boolean kernel9 = drbdadm.flatMap(DrbdadmVersion::kernelVersion)
                        .map(v -> v.startsWith("9."))
                        .orElse(false)
                || kernel.map(k -> k.major() >= 9 && !k.compat84()).orElse(false);
        if (kernel9) {
            throw new DialectDetectionException("the host runs DRBD 9 ("
                    + kernel.map(DrbdVersion::release)
                            .or(() -> drbdadm.flatMap(DrbdadmVersion::kernelVersion))
                            .orElse("9.x")
                    + "); drbd4j drives DRBD 8.3 and 8.4 (expected: an 8.x kernel module)");
        }
    }

    private static Optional<DrbdDialect> dialectOf(DrbdVersion v) {
        if (v.major() == 8 && v.minor() == 4) {
            return Optional.of(DrbdDialect.drbd84());
        } else if (v.major() == 8 && v.minor() == 3) {
            return Optional.of(DrbdDialect.drbd83());
        }
        return Optional.empty();
    }

    private Optional<DrbdadmVersion> drbdadmVersion() {
        CommandResult result = tryRun(Command.of(TIMEOUT, "drbdadm", "--version"));
        if (result != null && result.succeeded() && result.stdoutText().contains("DRBDADM_API_VERSION=")) {
            return Optional.of(DrbdadmVersion.parse(result.stdoutText()));
        }
        // Before 8.3.2 there is no --version: the usage text ends with "Version: 8.3.1 (api:88)".
        CommandResult usage = tryRun(Command.of(TIMEOUT, "drbdadm"));
        if (usage == null) {
            return Optional.empty();
        }
        DrbdadmVersion parsed = DrbdadmVersion.parse(usage.stdoutText() + "\n" + usage.stderrText());
        return parsed.api().isPresent() ? Optional.of(parsed) : Optional.empty();
    }

    private Optional<DrbdVersion> procDrbdVersion() {
        CommandResult result = tryRun(Command.of(TIMEOUT, "cat", "/proc/drbd"));
        if (result == null || !result.succeeded()) {
            return Optional.empty();
        }
        ProcDrbdStatus status = ProcDrbdParser.lenient().parse(result.stdout());
        return status.version();
    }

    private Optional<String> operatingSystem() {
        CommandResult result = tryRun(Command.of(TIMEOUT, "cat", "/etc/os-release"));
        if (result == null || !result.succeeded()) {
            return Optional.empty();
        }
        for (String line : result.stdoutText().split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return Optional.of(line.substring("PRETTY_NAME=".length()).replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    private @Nullable CommandResult tryRun(Command command) {
        try {
            return runner.run(command);
        } catch (CommandStartException e) {
            return null;
        }
    }
}
