package io.drbd4j.chef.guards;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.engine.ChefServices;
import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chef's own files on a backend: the {@code drbd_ready} sentinel (set up before), keepalived's {@code
 * cluster.sh} (Chef's setup finished there), and the configuration files with the secrets.
 */
public final class ChefFiles {
    private ChefFiles() {}

    /**
     * Returns the drbd_ready sentinel absent on every given backend.
     *
     * @return the drbd_ready sentinel absent on every given backend
     */
    public static Condition readyAbsent(Pair p, Side... sides) {
        return Condition.of(
                "drbd_ready absent on "
                        + String.join(" and ", Arrays.stream(sides).map(p::name).toList()),
                s -> Arrays.stream(sides).noneMatch(side -> s.host(side).ready()),
                s -> Arrays.stream(sides)
                        .filter(side -> s.host(side).ready())
                        .findFirst()
                        .map(side -> p.cluster().readyFile() + " present on "
                                + s.host(side).name())
                        .orElse("drbd_ready absent"));
    }

    /**
     * Returns the drbd_ready sentinel present.
     *
     * @return the drbd_ready sentinel present
     */
    public static Condition readyPresent(Pair p, Side side) {
        return Condition.of(
                "drbd_ready present on " + p.name(side),
                s -> s.host(side).ready(),
                s -> p.cluster().readyFile() + " absent on " + s.host(side).name());
    }

    /**
     * Returns cluster.sh present: reconfigure got past its drbd_ready wait there.
     *
     * @return cluster.sh present: reconfigure got past its drbd_ready wait there
     */
    public static Condition setupFinished(Pair p, Side side) {
        String host = p.name(side);
        return Condition.of(
                ChefServices.CLUSTER_SH + " present on " + host + " (Chef's setup finished there)",
                s -> s.host(side).clusterScript(),
                s -> ChefServices.CLUSTER_SH + " absent on " + host + ": reconfigure never got past its drbd_ready"
                        + " wait there");
    }

    /**
     * Returns cluster.sh absent: Chef's setup never finished there.
     *
     * @return cluster.sh absent: Chef's setup never finished there
     */
    public static Condition setupUnfinished(Pair p, Side side) {
        String host = p.name(side);
        return Condition.of(
                ChefServices.CLUSTER_SH + " absent on " + host + " (Chef's setup never finished there)",
                s -> !s.host(side).clusterScript(),
                s -> ChefServices.CLUSTER_SH + " present on " + host);
    }

    /**
     * Returns the files exist on that backend.
     *
     * @return the files exist on that backend
     */
    public static Condition exist(Pair p, Side side, List<String> paths) {
        return Condition.of(
                String.join(", ", paths) + " present on " + p.name(side),
                s -> paths.stream().allMatch(s.host(side)::exists),
                s -> paths.stream()
                                .filter(path -> !s.host(side).exists(path))
                                .findFirst()
                                .orElse("?")
                        + " absent on " + s.host(side).name());
    }

    /**
     * Returns the file on that backend holds exactly those bytes: a configuration written, not merely a step run.
     *
     * @param contents the bytes the file must hold (never shown: the file may hold secrets)
     * @return the file on that backend holds exactly those bytes: a configuration written, not merely a step run
     */
    public static Condition holds(Pair p, Side side, String path, byte[] contents) {
        byte[] expected = contents.clone();
        return Condition.of(
                path + " on " + p.name(side) + " holds the configuration given",
                s -> s.host(side)
                        .contents(path)
                        .map(b -> Arrays.equals(b, expected))
                        .orElse(false),
                s -> path + " on " + p.name(side) + " is "
                        + s.host(side)
                                .contents(path)
                                .map(b -> "another file (" + b.length + " bytes)")
                                .orElse("absent"));
    }

    /**
     * Returns the DRBD resource file Chef's reconfigure renders ({@code /var/opt/opscode/drbd/etc/RESOURCE.res}) has an
     * {@code on} section for the peer with its address: the new configuration rendered, not merely reconfigure run (the
     * file holds no secret of its own, but is read as one: never shown).
     *
     * @param peer the backend the resource file must name
     * @return the DRBD resource file Chef's reconfigure renders ({@code /var/opt/opscode/drbd/etc/RESOURCE.res}) has
     *     an {@code on} section for the peer with its address: the new configuration rendered, not merely reconfigure
     *     run (the file holds no secret of its own, but is read as one: never shown)
     */
    public static Condition resourceNames(Pair p, Side side, Backend peer) {
        String file = "/var/opt/opscode/drbd/etc/" + p.cluster().resource() + ".res";
        java.util.regex.Pattern section = java.util.regex.Pattern.compile("\\bon\\s+"
                + java.util.regex.Pattern.quote(peer.name()) + "\\s*\\{[^}]*\\baddress\\s+(ipv4\\s+)?"
                + java.util.regex.Pattern.quote(peer.address()) + ":");
        return Condition.of(
                file + " on " + p.name(side) + " names " + peer.name() + " at " + peer.address(),
                s -> s.host(side)
                        .contents(file)
                        .map(b -> section.matcher(new String(b, java.nio.charset.StandardCharsets.UTF_8))
                                .find())
                        .orElse(false),
                s -> file + " on " + p.name(side) + " "
                        + (s.host(side).contents(file).isPresent()
                                ? "does not name " + peer.name() + " at " + peer.address()
                                : "is absent"));
    }

    /**
     * Returns the files hold the same bytes on both backends (read with {@code cat}; never shown: secrets).
     *
     * @return the files hold the same bytes on both backends (read with {@code cat}; never shown: secrets)
     */
    public static Condition copied(Pair p, Side to, List<String> paths) {
        Side from = to.opposite();
        return Condition.of(
                String.join(", ", paths) + " on " + p.name(to) + " the same as on " + p.name(from),
                s -> paths.stream().allMatch(path -> {
                    Optional<byte[]> there = s.host(to).contents(path);
                    return there.isPresent()
                            && Arrays.equals(
                                    there.get(), s.host(from).contents(path).orElse(null));
                }),
                s -> "the files on " + p.name(to) + " differ from " + p.name(from) + "'s or are missing");
    }

    // chef-server.rb's topology lines: server "be1", :ipaddress => "10.0.0.1",
    // :role => "backend", :bootstrap => true (Ruby 1.9 hash syntax: bootstrap: true).
    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+[\"']([^\"']+)[\"'](.*)$", Pattern.MULTILINE);
    private static final Pattern BOOTSTRAP = Pattern.compile(":bootstrap\\s*=>\\s*true|\\bbootstrap:\\s*true");

    /**
     * The bootstrap guard: the Chef configuration, where a backend has one, names no other backend as bootstrap.
     *
     * @return the guard; a configuration without a {@code :bootstrap => true} server passes (nothing to go by)
     */
    public static Condition bootstrapIs(Pair p, Side side) {
        String file = p.cluster().configFiles().get(0);
        return new Condition("no " + file + " names another backend than " + p.name(side) + " as bootstrap", s -> {
            for (Side on : Side.values()) {
                Optional<String> named = s.host(on).contents(file).flatMap(ChefFiles::bootstrap);
                if (named.isPresent() && !named.get().equals(p.name(side))) {
                    return Optional.of(file + " on " + p.name(on) + " names " + named.get()
                            + " as the bootstrap backend (:bootstrap => true)");
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Returns the server the configuration marks {@code :bootstrap => true}, if any.
     *
     * @return the server the configuration marks {@code :bootstrap => true}, if any
     */
    static Optional<String> bootstrap(byte[] config) {
        Matcher m = SERVER.matcher(new String(config, StandardCharsets.UTF_8));
        while (m.find()) {
            if (BOOTSTRAP.matcher(m.group(2)).find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
