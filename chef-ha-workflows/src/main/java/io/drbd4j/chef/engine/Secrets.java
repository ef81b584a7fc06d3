package io.drbd4j.chef.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.RedactingCommandRunner;
import io.drbd4j.exec.runner.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * The largest secrets file whose values are registered one by one, in bytes (Chef's is a few KiB); a larger one
     * is registered whole only.
     */
    public static final int MAX_JSON_BYTES = 1 << 20;

    /** Nesting deeper than this is not a secrets file; its values are not registered one by one. */
    private static final int MAX_JSON_DEPTH = 64;

    // A parse error's message never reaches anyone (it is dropped below); the source is left out of it all the same,
    // so that no part of a secret is ever in an exception.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_JSON_BYTES)
                    .maxNestingDepth(MAX_JSON_DEPTH)
                    .maxStringLength(MAX_JSON_BYTES)
                    .build())
            .build();
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
            if (contents.length <= MAX_JSON_BYTES) {
                registerValues(redactor, contents);
            }
        }
    }

    /**
     * Registers every string value of {@link #MIN_LENGTH} characters or more, object keys excepted, reading the JSON
     * token by token. A file that is not JSON (damaged, or another format) stops the reading at the first bad token;
     * its whole contents are registered already, and so are the values before that token.
     */
    private static void registerValues(Redactor redactor, byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && parser.getTextLength() >= MIN_LENGTH) {
                    redactor.register(parser.getText());
                }
            }
        } catch (IOException e) {
            // Not JSON, or beyond the bounds above: the message may quote the input, so it is dropped unread.
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
