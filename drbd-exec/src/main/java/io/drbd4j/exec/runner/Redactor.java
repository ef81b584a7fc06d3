package io.drbd4j.exec.runner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Hides secrets in text: the DRBD shared secret wherever DRBD's tools print it, and every literal secret registered
 * (such as the values of Chef's {@code private-chef-secrets.json}). Each is replaced by {@value #MASK}.
 *
 * <p>Patterns hidden whatever was registered:
 *
 * <ul>
 *   <li>{@code --shared-secret=VALUE}: the drbdsetup command line that drbdadm (drbd-utils 9.22, {@code
 *       drbdadm-84}/{@code drbdadm-83}) prints in {@code Command '...' terminated with exit code N} after a failed
 *       {@code connect}, {@code up} or {@code adjust}, the value bare or quoted;
 *   <li>{@code shared-secret "VALUE";} and {@code shared-secret VALUE;}: a resource file ({@code pc0.res}) or
 *       {@code drbdadm dump};
 *   <li>{@code "KEY": "VALUE"} in JSON where the key holds {@code secret} or {@code password} (Chef's secrets file:
 *       {@code "shared_secret"}, {@code "vrrp_instance_password"}).
 * </ul>
 *
 * <p>Registered secrets are hidden wherever they occur; in text known to be cut off ({@link #redactTruncated}) a
 * trailing start of one (4 characters or more) is hidden too. Thread-safe: secrets may be registered while other
 * threads redact; a secret once registered stays.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MASK = "<redacted>";

    /** The shortest trailing start of a registered secret hidden in text that was cut off. */
    private static final int MIN_PREFIX = 4;

    private static final Pattern OPTION =
            Pattern.compile("(--shared-secret[= ])(\"[^\"]*(?:\"|$)|'[^']*(?:'|$)|[^\\s']+)");
    private static final Pattern CONFIG = Pattern.compile(
            "(\\bshared-secret[ \\t]+)(\"(?:[^\"\\\\\\n]|\\\\.)*(?:\"|$)|[^\\s;\"]+)", Pattern.MULTILINE);
    private static final Pattern JSON = Pattern.compile(
            "(\"[A-Za-z0-9_.-]*(?i:secret|password)[A-Za-z0-9_.-]*\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$))");

    private final Set<String> literals = ConcurrentHashMap.newKeySet();

    /** A redactor that knows no literal secret yet; the patterns apply from the start. */
    public Redactor() {}

    /**
     * Returns this redactor.
     *
     * @param secret a secret to hide wherever it occurs; blank ones are ignored
     * @return this redactor
     */
    public Redactor register(CharSequence secret) {
        String s = Objects.requireNonNull(secret, "secret").toString();
        if (!s.isBlank()) {
            literals.add(s);
        }
        return this;
    }

    /**
     * Returns whether it was registered.
     *
     * @param secret a string
     * @return whether it was registered
     */
    public boolean knows(CharSequence secret) {
        return literals.contains(secret.toString());
    }

    /**
     * Returns the text with every registered secret and every pattern's value replaced by {@value #MASK}.
     *
     * @param text any text
     * @return the text with every registered secret and every pattern's value replaced by {@value #MASK}
     */
    public @Nullable String redact(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : sortedLongestFirst()) {
            out = out.replace(secret, MASK);
        }
        out = mask(OPTION, out);
        out = mask(CONFIG, out);
        return mask(JSON, out);
    }

    /**
     * Returns {@link #redact(String)}, and a trailing start of a registered secret hidden as well.
     *
     * @param text text that was cut off at its end (a capture limit, a length limit)
     * @return {@link #redact(String)}, and a trailing start of a registered secret hidden as well
     */
    public @Nullable String redactTruncated(@Nullable String text) {
        String out = redact(text);
        if (out == null) {
            return null;
        }
        for (String secret : sortedLongestFirst()) {
            for (int n = secret.length() - 1; n >= Math.min(MIN_PREFIX, secret.length() - 1) && n > 0; n--) {
                if (out.endsWith(secret.substring(0, n))) {
                    return out.substring(0, out.length() - n) + MASK;
                }
            }
        }
        return out;
    }

    /**
     * Returns the same array when nothing was hidden (bytes that are not UTF-8 stay as they were), else the redacted
     * text in UTF-8.
     *
     * @param bytes output as captured; decoded as UTF-8
     * @param truncated whether it was cut off at the capture limit
     * @return the same array when nothing was hidden (bytes that are not UTF-8 stay as they were), else the redacted
     *     text in UTF-8
     */
    public byte[] redact(byte[] bytes, boolean truncated) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String redacted = truncated ? redactTruncated(text) : redact(text);
        return redacted.equals(text) ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the result with its stdout, stderr and the command's argv and stdin redacted; the same object when
     * nothing was hidden.
     *
     * @param result how a command ended
     * @return the result with its stdout, stderr and the command's argv and stdin redacted; the same object when
     *     nothing was hidden
     */
    public CommandResult redact(CommandResult result) {
        byte[] stdout = result.stdout();
        byte[] stderr = result.stderr();
        byte[] out = redact(stdout, result.stdoutTruncated());
        byte[] err = redact(stderr, result.stderrTruncated());
        Command command = redact(result.command());
        if (out == stdout && err == stderr && command == result.command()) {
            return result;
        }
        return CommandResult.builder()
                .from(result)
                .command(command)
                .stdout(out)
                .stderr(err)
                .build();
    }

    /**
     * Returns the command with secrets hidden in its argv and stdin; the same object when it holds none.
     *
     * @param command a command
     * @return the command with secrets hidden in its argv and stdin; the same object when it holds none
     */
    public Command redact(Command command) {
        List<String> argv = command.argv().stream().map(this::redact).toList();
        byte[] stdin = command.stdin().orElse(null);
        byte[] redactedStdin = stdin == null ? null : redact(stdin, false);
        if (argv.equals(command.argv()) && redactedStdin == stdin) {
            return command;
        }
        Command.Builder b = Command.builder().from(command).argv(argv);
        return redactedStdin == null ? b.build() : b.stdin(redactedStdin).build();
    }

    /**
     * Rebuilds an exception a runner threw with secrets hidden in its message and captured output. The runner
     * exceptions keep their type ({@link CommandTimeoutException}, {@link SshConnectionException}, {@link
     * CommandStartException}, {@link CommandInterruptedException}, {@link CommandException}); any other exception whose text holds a secret becomes a
     * {@link CommandException} naming its type. A cause whose text holds a secret is dropped.
     *
     * @param e what a runner threw
     * @param command the command it ran
     * @return the same exception when its text and its causes' hold nothing to hide, else a redacted copy with the
     *     same stack trace
     */
    public RuntimeException redact(RuntimeException e, Command command) {
        Throwable cause = e.getCause();
        boolean causeClean = cause == null || clean(cause);
        Command shown = redact(command);
        RuntimeException copy;
        if (e instanceof CommandTimeoutException t) {
            byte[] out = redact(t.stdout(), true);
            byte[] err = redact(t.stderr(), true);
            boolean outputClean = Arrays.equals(out, t.stdout()) && Arrays.equals(err, t.stderr());
            if (outputClean && clean(e) && causeClean) {
                return e;
            }
            copy = new CommandTimeoutException(redact(t.getMessage()), redact(t.command()), out, err);
        } else if (clean(e) && causeClean) {
            return e;
        } else if (e instanceof SshConnectionException s) {
            copy = new SshConnectionException(redact(s.getMessage()), redact(s.command()), redact(s.stderr()));
        } else if (e instanceof CommandInterruptedException i) {
            copy = new CommandInterruptedException(redact(i.getMessage()), redact(i.command()));
        } else if (e instanceof CommandStartException s) {
            copy = new CommandStartException(redact(s.getMessage()), redact(s.command()), causeClean ? cause : null);
        } else if (e instanceof CommandException c && c.getClass() == CommandException.class) {
            copy = new CommandException(redact(c.command()), redact(c.getMessage()), causeClean ? cause : null);
        } else {
            copy = new CommandException(
                    shown, e.getClass().getName() + ": " + redact(String.valueOf(e.getMessage())), null);
        }
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private boolean clean(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            String m = x.getMessage();
            if (m != null && !m.equals(redact(m))) {
                return false;
            }
            if (x instanceof CommandException c && c.command() != null && redact(c.command()) != c.command()) {
                return false;
            }
        }
        return true;
    }

    private List<String> sortedLongestFirst() {
        return literals.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    private static String mask(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String value = m.group(2);
            String shown = MASK;
            if (value.startsWith("\"") || value.startsWith("'")) {
                String quote = value.substring(0, 1);
                boolean closed = value.length() > 1 && value.endsWith(quote);
                shown = quote + MASK + (closed ? quote : "");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
