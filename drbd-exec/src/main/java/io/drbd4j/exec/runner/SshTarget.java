package io.drbd4j.exec.runner;

import io.drbd4j.exec.Arguments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where and how {@link SshRunner} logs in: {@code user@host}, port, key, known-hosts file, host-key checking and
 * connect timeout. Host and user are validated so that neither can become an ssh option; the key and known-hosts
 * paths so that ssh reads them back as they are (it expands {@code ${VAR}} in them, with no escape).
 */
@Value.Immutable
public abstract class SshTarget {
    // Only the implementation Immutables generates in this package extends this type.
    SshTarget() {}

    /** What ssh does with a host key it does not know. */
    public enum HostKeyChecking {
        /** {@code StrictHostKeyChecking=yes}: refuse unknown and changed keys. */
        YES("yes"),
        /** {@code StrictHostKeyChecking=accept-new}: add unknown keys, refuse changed ones. */
        ACCEPT_NEW("accept-new"),
        /** {@code StrictHostKeyChecking=no}: accept anything; for throwaway test hosts only. */
        NO("no");

        private final String option;

        HostKeyChecking(String option) {
            this.option = option;
        }

        /**
         * Returns the value for ssh's {@code StrictHostKeyChecking}.
         *
         * @return the value for ssh's {@code StrictHostKeyChecking}
         */
        public String option() {
            return option;
        }
    }

    /**
     * Returns host name or IP address.
     *
     * @return host name or IP address
     */
    public abstract String host();

    /**
     * Returns the remote user.
     *
     * @return the remote user
     */
    public abstract String user();

    /**
     * Returns the port; empty: ssh's default.
     *
     * @return the port; empty: ssh's default
     */
    public abstract Optional<Integer> port();

    /**
     * Returns the private key to log in with; empty: ssh's defaults.
     *
     * @return the private key to log in with; empty: ssh's defaults
     */
    public abstract Optional<Path> identity();

    /**
     * Returns the known-hosts file; empty: ssh's default.
     *
     * @return the known-hosts file; empty: ssh's default
     */
    public abstract Optional<Path> knownHosts();

    /**
     * Returns host-key checking; empty: ssh's configured default.
     *
     * @return host-key checking; empty: ssh's configured default
     */
    public abstract Optional<HostKeyChecking> hostKeyChecking();

    /**
     * The control socket of OpenSSH's connection sharing ({@code ControlMaster=auto}, {@code ControlPersist}): the
     * first command opens one connection that later commands reuse, so a command costs a round trip instead of a
     * login (about 1.4 s against 0.19 s to a slow host). Empty: every command logs in anew.
     *
     * @return the control socket's path, at most {@value #MAX_CONTROL_PATH} characters (a Unix socket's limit)
     */
    public abstract Optional<Path> controlPath();

    /** The longest {@link #controlPath()}: sockaddr_un holds 108 bytes, and ssh appends a temporary suffix. */
    public static final int MAX_CONTROL_PATH = 80;

    /**
     * Returns how long a shared connection stays open after its last command; 60 s by default.
     *
     * @return how long a shared connection stays open after its last command; 60 s by default
     */
    @Value.Default
    public Duration controlPersist() {
        return Duration.ofSeconds(60);
    }

    /**
     * Returns how long ssh may take to connect; 10 s by default.
     *
     * @return how long ssh may take to connect; 10 s by default
     */
    @Value.Default
    public Duration connectTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * Returns {@code user@host:port} for messages.
     *
     * @return {@code user@host:port} for messages
     */
    public String destination() {
        return user() + "@" + host() + port().map(p -> ":" + p).orElse("");
    }

    /**
     * Returns a target with ssh's defaults.
     *
     * @param user the remote user
     * @param host the host
     * @return a target with ssh's defaults
     */
    public static SshTarget of(String user, String host) {
        return builder().user(user).host(host).build();
    }

    /**
     * Returns a new builder of {@link SshTarget} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SshTarget} values; not thread-safe. */
    public static final class Builder extends ImmutableSshTarget.Builder {
        Builder() {}
    }

    @Value.Check
    void check() {
        Arguments.hostName(host());
        Arguments.userName(user());
        port().ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("ssh port " + p + " (expected: 1 to 65535)");
            }
        });
        identity().ifPresent(path -> checkPath("identity file", path));
        knownHosts().ifPresent(path -> checkPath("known-hosts file", path));
        controlPath().ifPresent(path -> {
            checkPath("control socket", path);
            if (path.toString().length() > MAX_CONTROL_PATH) {
                throw new IllegalArgumentException(
                        "control socket " + path + " has " + path.toString().length()
                                + " characters (expected: at most " + MAX_CONTROL_PATH + ", a Unix socket's limit)");
            }
        });
        if (controlPersist().toSeconds() < 1) {
            throw new IllegalArgumentException("control persist " + controlPersist() + " (expected: 1 s or more)");
        }
        if (connectTimeout().toSeconds() < 1) {
            throw new IllegalArgumentException("connect timeout " + connectTimeout() + " (expected: 1 s or more)");
        }
    }

    private static void checkPath(String what, Path path) {
        String s = path.toString();
        if (s.contains("${") || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(what + " " + s.replaceAll("\\p{Cntrl}", "?")
                    + " (expected: a path without \"${\" or control characters, which ssh would expand or split)");
        }
    }
}
