package io.drbd4j.chef.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.RedactingCommandRunner;
import io.drbd4j.exec.runner.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the workflows learn of a cluster's secrets, registered with {@link ChefHaCluster#redactor()} before any step
 * runs: every value of Chef's {@code private-chef-secrets.json} (the DRBD {@code shared_secret}, keepalived's {@code
 * vrrp_instance_password}, the services' passwords), the {@code shared-secret} of the
 * rendered resource file {@code /var/opt/opscode/drbd/etc/<resource>.res}, and the whole contents of a secrets file a
 * step copies. Read with the unredacted runner ({@link RedactingCommandRunner#delegate()}); nothing read here is
 * shown anywhere.
 */
public final class Secrets {
    /** Chef's secrets file, one of {@link ChefHaCluster#configFiles()}. */
    public static final String SECRETS_SUFFIX = "-secrets.json";

    /** Where reconfigure renders the DRBD configuration. */
    public static final String DRBD_ETC = "/var/opt/opscode/drbd/etc/";

    /** Shorter values of the secrets file are not registered: they would hide common words, not secrets. */
    public static final int MIN_LENGTH = 6;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHARED_SECRET =
            Pattern.compile("\\bshared-secret\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;\"]+))\\s*;");

    private Secrets() {}

    /**
     * Returns the runner under the redaction: for a secret's own bytes only.
     *
     * @return the runner under the redaction: for a secret's own bytes only
     */
    public static CommandRunner raw(Backend backend) {
        return backend.runner() instanceof RedactingCommandRunner r ? r.delegate() : backend.runner();
    }

    /**
     * Returns whether the path is a file whose contents are secret.
     *
     * @return whether the path is a file whose contents are secret
     */
    public static boolean isSecret(ChefHaCluster c, String path) {
        return path.endsWith(SECRETS_SUFFIX) || path.startsWith(DRBD_ETC);
    }

    /**
     * Reads the secrets file and the resource file on both backends, where they exist, and registers what they hold.
     * A backend that cannot be read (down, unreachable) is passed over: the patterns still apply.
     */
    public static void learn(ChefHaCluster c) {
        learn(c, c.backends());
    }

    /** As {@link #learn(ChefHaCluster)}, on the backends a run contacts only. */
    static void learn(Pair pair) {
        learn(pair.cluster(), pair.reached().stream().map(pair::backend).toList());
    }

    private static void learn(ChefHaCluster c, java.util.List<Backend> backends) {
        for (Backend backend : backends) {
            for (String path : c.configFiles()) {
                if (isSecret(c, path)) {
                    read(c, backend, path).ifPresent(bytes -> register(c, path, bytes));
                }
            }
            String resourceFile = DRBD_ETC + c.resource() + ".res";
            read(c, backend, resourceFile).ifPresent(bytes -> register(c, resourceFile, bytes));
        }
    }

    /**
     * Registers the secrets a file holds: for a secrets file every value of {@link #MIN_LENGTH} characters or more
     * and the whole contents; for a resource file its {@code shared-secret}.
     */
    public static void register(ChefHaCluster c, String path, byte[] contents) {
        if (!isSecret(c, path)) {
            return;
        }
        Redactor redactor = c.redactor();
        String text = new String(contents, StandardCharsets.UTF_8);
        Matcher m = SHARED_SECRET.matcher(text);
        while (m.find()) {
            redactor.register(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (path.endsWith(SECRETS_SUFFIX)) {
            redactor.register(text.strip());
            try {
                registerValues(redactor, JSON.readTree(text));
            } catch (JsonProcessingException e) {
                // Not JSON (damaged, or another format): its whole contents are registered above.
            }
        }
    }

    private static void registerValues(Redactor redactor, JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.textValue().length() >= MIN_LENGTH) {
            redactor.register(node.textValue());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            registerValues(redactor, it.next());
        }
    }

    private static Optional<byte[]> read(ChefHaCluster c, Backend backend, String path) {
        try {
            CommandResult there = backend.runner().run(Command.of(c.commandTimeout(), "test", "-e", path));
            if (!there.succeeded()) {
                return Optional.empty();
            }
            CommandResult cat = raw(backend).run(Command.of(c.commandTimeout(), "cat", path));
            return cat.succeeded() ? Optional.of(cat.stdout()) : Optional.empty();
        } catch (DrbdException e) {
            return Optional.empty();
        }
    }
}
