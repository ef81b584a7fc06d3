package io.drbd4j.exec;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.proc.ProcDrbdParser;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.DrbdadmVersion;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link DrbdAdm} over a {@link CommandRunner} and a {@link DrbdDialect}: the runner may be local, SSH or the test
 * kit's simulated host. Thread-safe when the runner is.
 *
 * <pre>{@code
 * DrbdAdm adm = new CliDrbdAdm(CommonsExecRunner.create(), DrbdDialect.drbd84());
 * adm.primaryOverwritingPeer("pc0");        // drbdadm primary --force pc0
 * }</pre>
 */
public final class CliDrbdAdm implements DrbdAdm {
    // drbdmeta's words when the disk has none (user/shared/drbdmeta.c): "No valid meta data found".
    private static final String NO_META_DATA = "No valid meta data found";

    // drbdmeta's words for meta data whose activity log is not applied (LINBIT/drbd-utils user/shared/drbdmeta.c,
    // meta_dump_md), exit 1; DRBD 8.4.11 with drbd-utils 9.22 leaves that after a crash and after a clean down.
    private static final String UNCLEAN = "Found meta data is \"unclean\", please apply-al first";

    // drbdmeta's question when its O_EXCL open of the backing disk fails with EBUSY, exit 20 once stdin gives no
    // "yes" (LINBIT/drbd-utils user/shared/drbdmeta.c, v07_style_md_open_device): the disk is in use.
    private static final String EXCLUSIVE_OPEN_FAILED = "Exclusive open failed. Do it anyways?";

    private final CommandRunner runner;
    private final DrbdDialect dialect;

    /**
     * Creates a {@code drbdadm} that runs its commands through {@code runner}.
     *
     * @param runner runs the commands on the host
     * @param dialect the host's drbdadm dialect (see {@link io.drbd4j.exec.dialect.DialectDetector})
     */
    public CliDrbdAdm(CommandRunner runner, DrbdDialect dialect) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public DrbdDialect dialect() {
        return dialect;
    }

    @Override
    public List<ConnectionState> cstate(String resource) {
        Command command = dialect.cstate(resource);
        return lines(command, run(command), word -> ConnectionState.fromLabel(word));
    }

    @Override
    public List<VolumeState<Role>> role(String resource) {
        Command command = dialect.role(resource);
        return lines(command, run(command), word -> pair(word, Role::fromLabel));
    }

    @Override
    public List<VolumeState<DiskState>> dstate(String resource) {
        Command command = dialect.dstate(resource);
        return lines(command, run(command), word -> pair(word, DiskState::fromLabel));
    }

    @Override
    public java.util.Optional<String> configuredPeer(String resource, int minor) {
        Command command = dialect.show(resource, minor);
        CommandResult result = run(command);
        return peerOf(command, result.stdoutText());
    }

    // drbdsetup show (drbd-utils' print_options/show_address): "_remote_host {" then "address ipv4 10.0.0.2:7788;"
    // (8.4: inside "resource NAME { ... }"; 8.3: at the top level). The address family word is ipv4, ipv6, ssocks,
    // sdp or sci.
    private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern.compile(
            "_remote_host\\s*\\{\\s*address\\s+(?:ipv4|ipv6|ssocks|sdp|sci)\\s+(\\S+?);");

    static java.util.Optional<String> peerOf(Command command, String show) {
        java.util.regex.Matcher m = REMOTE.matcher(show);
        if (m.find()) {
            return java.util.Optional.of(m.group(1));
        }
        if (show.contains("_remote_host")) {
            throw new HostQueryException(command, show, "_remote_host { address ipv4 ADDRESS:PORT; }");
        }
        return java.util.Optional.empty();
    }

    @Override
    public List<GenerationIdentifiers> generationIdentifiers(String resource) {
        Command command = dialect.getGi(resource);
        CommandResult result = run(command);
        List<GenerationIdentifiers> volumes = new ArrayList<>();
        for (String line : result.stdoutText().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                volumes.add(GenerationIdentifiers.parse(line));
            } catch (IllegalArgumentException e) {
                throw new HostQueryException(command, line, "CURRENT:BITMAP:HISTORY:HISTORY:flags per volume");
            }
        }
        if (volumes.isEmpty()) {
            throw new HostQueryException(command, result.stdoutText(), "one line of generation identifiers per volume");
        }
        return volumes;
    }

    @Override
    public ProcDrbdStatus status() {
        CommandResult result = run(Command.of(Duration.ofSeconds(30), "cat", "/proc/drbd"));
        return ProcDrbdParser.lenient().parse(result.stdout());
    }

    @Override
    public boolean hasValidMetaData(String resource) {
        CommandResult result = runner.run(dialect.dumpMd(resource));
        MetaDataState state = metaData(result);
        if (state == MetaDataState.IN_USE) {
            throw new CommandFailedException(result);
        }
        return state.present();
    }

    @Override
    public MetaDataState metaData(String resource) {
        return metaData(runner.run(dialect.dumpMd(resource)));
    }

    private static MetaDataState metaData(CommandResult result) {
        if (result.succeeded()) {
            return MetaDataState.VALID;
        }
        String text = result.stderrText() + result.stdoutText();
        if (text.contains(NO_META_DATA)) {
            return MetaDataState.NONE;
        }
        if (result.exitCode() == 1 && text.contains(UNCLEAN)) {
            return MetaDataState.UNCLEAN;
        }
        if (result.exitCode() == 20 && text.contains(EXCLUSIVE_OPEN_FAILED)) {
            return MetaDataState.IN_USE;
        }
        throw new CommandFailedException(result);
    }

    @Override
    public void createMd(String resource, boolean force) {
        run(dialect.createMd(resource, force));
    }

    @Override
    public void up(String resource) {
        run(dialect.up(resource));
    }

    @Override
    public void down(String resource) {
        run(dialect.down(resource));
    }

    @Override
    public void attach(String resource) {
        run(dialect.attach(resource));
    }

    @Override
    public void detach(String resource) {
        run(dialect.detach(resource));
    }

    @Override
    public void connect(String resource) {
        run(dialect.connect(resource));
    }

    @Override
    public void connectDiscardingMyData(String resource) {
        run(dialect.connectDiscardingMyData(resource));
    }

    @Override
    public void disconnect(String resource) {
        run(dialect.disconnect(resource));
    }

    @Override
    public void primary(String resource) {
        run(dialect.primary(resource));
    }

    @Override
    public void primaryOverwritingPeer(String resource) {
        run(dialect.primaryOverwritingPeer(resource));
    }

    @Override
    public void secondary(String resource) {
        run(dialect.secondary(resource));
    }

    @Override
    public void invalidate(String resource) {
        run(dialect.invalidate(resource));
    }

    @Override
    public void invalidateRemote(String resource) {
        run(dialect.invalidateRemote(resource));
    }

    @Override
    public void outdate(String resource) {
        run(dialect.outdate(resource));
    }

    @Override
    public void pauseSync(String resource) {
        run(dialect.pauseSync(resource));
    }

    @Override
    public void resumeSync(String resource) {
        run(dialect.resumeSync(resource));
    }

    @Override
    public void verify(String resource) {
        run(dialect.verify(resource));
    }

    @Override
    public void newCurrentUuidClearBitmap(String resource) {
        run(dialect.newCurrentUuidClearBitmap(resource));
    }

    @Override
    public ResyncRatePlan temporaryResyncRate(String resource, int minor, String rate, RateMethod method) {
        ResyncRatePlan plan = dialect.temporaryResyncRate(resource, minor, rate, method);
        plan.commands().forEach(this::run);
        return plan;
    }

    @Override
    public void resetResyncRate(String resource) {
        run(dialect.resetResyncRate(resource));
    }

    @Override
    public String dump(String resource) {
        return run(dialect.dump(resource)).stdoutText();
    }

    @Override
    public DrbdadmVersion version() {
        return DrbdadmVersion.parse(run(dialect.version()).stdoutText());
    }

    private CommandResult run(Command command) {
        return CommandFailedException.requireSuccess(runner.run(command));
    }

    /** One value per volume: one line each, in volume order (drbdadm iterates the volumes). */
    private static <T> List<T> lines(Command command, CommandResult result, Function<String, Optional<T>> parse) {
        List<T> values = new ArrayList<>();
        for (String line : result.stdoutText().split("\n")) {
            String word = line.strip();
            if (word.isEmpty()) {
                continue;
            }
            values.add(parse.apply(word).orElseThrow(() -> new DrbdQueryException(command, word)));
        }
        if (values.isEmpty()) {
            throw new DrbdQueryException(command, result.stdoutText());
        }
        return values;
    }

    /**
     * Returns a {@code local/peer} or {@code Unconfigured} line as a volume state, empty when it is neither.
     *
     * @return a {@code local/peer} or {@code Unconfigured} line as a volume state, empty when it is neither
     */
    static <T> Optional<VolumeState<T>> pair(String word, Function<String, Optional<T>> label) {
        if (word.equals("Unconfigured")) {
            return Optional.of(VolumeState.ofUnconfigured());
        }
        int slash = word.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<T> local = label.apply(word.substring(0, slash));
        Optional<T> peer = label.apply(word.substring(slash + 1));
        return local.isPresent() && peer.isPresent()
                ? Optional.of(VolumeState.of(local.get(), peer.get()))
                : Optional.empty();
    }
}
