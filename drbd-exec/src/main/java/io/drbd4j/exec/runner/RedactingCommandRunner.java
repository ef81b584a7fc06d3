package io.drbd4j.exec.runner;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CommandRunner} decorator that hides secrets in everything that comes back from the runner it wraps: the
 * result's stdout and stderr (and the command's argv and stdin, as the result carries them), and the message and
 * captured output of an exception it throws. What is hidden is its {@link Redactor}'s to say; secrets registered
 * there later apply to the next command.
 *
 * <pre>{@code
 * Redactor secrets = new Redactor().register(sharedSecret);
 * CommandRunner runner = new RedactingCommandRunner(SshRunner.create(target), secrets);
 * }</pre>
 *
 * <p>Wrap the outermost runner: only what returns through this decorator is redacted. The runners of drbd-exec log a
 * command's argv (at debug level), never its output. Thread-safe when the wrapped runner is.
 */
public final class RedactingCommandRunner implements CommandRunner {
    private final CommandRunner delegate;
    private final Redactor redactor;

    /**
     * Creates a runner that masks the secrets {@code redactor} knows in what {@code delegate} runs.
     *
     * @param delegate runs the commands
     * @param redactor knows the secrets to hide
     */
    public RedactingCommandRunner(CommandRunner delegate, Redactor redactor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public CommandResult run(Command command) {
        CommandResult result;
        try {
            result = delegate.run(command);
        } catch (RuntimeException e) {
            throw redactor.redact(e, command);
        }
        return redactor.redact(result);
    }

    /**
     * Starts the command on the wrapped runner. Its standard output is passed on as it comes, not redacted: stream
     * only commands that print no secret, such as {@code drbdsetup events}. Its standard error and the exceptions
     * of starting it are redacted.
     */
    @Override
    public Optional<CommandStream> stream(Command command) {
        Optional<CommandStream> stream;
        try {
            stream = delegate.stream(command);
        } catch (RuntimeException e) {
            throw redactor.redact(e, command);
        }
        return stream.map(s -> new StreamView(s, s.command(), text -> {
            String redacted = redactor.redact(text);
            return redacted == null ? "" : redacted;
        }));
    }

    /**
     * Returns the wrapped runner, whose results are not redacted: only for reading a secret's own bytes (to copy a
     * secrets file or register its values), never for output shown to anyone.
     *
     * @return the wrapped runner, whose results are not redacted: only for reading a secret's own bytes (to copy a
     *     secrets file or register its values), never for output shown to anyone
     */
    public CommandRunner delegate() {
        return delegate;
    }

    /**
     * Returns the secrets this runner hides.
     *
     * @return the secrets this runner hides
     */
    public Redactor redactor() {
        return redactor;
    }
}
