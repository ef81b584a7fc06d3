package io.drbd4j.examples.cli;

import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.CliHostProbe;
import io.drbd4j.exec.Mount;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a host calls its DRBD minors, for the {@code status} table, as drbd-overview shows them: the resource each
 * minor belongs to ({@code drbdadm sh-resources}, then {@code drbdadm sh-minor RESOURCE} for each, from the host's
 * DRBD configuration, in both the 8.3 and the 8.4 userland) and where its device is mounted ({@code cat
 * /proc/mounts}: {@code /dev/drbdN}, or {@code /dev/drbd/by-res/RESOURCE[/VOLUME]} as udev names it).
 *
 * <p>Best effort by design: these names decorate a status that was read already, so a command that cannot run,
 * fails or prints something unexpected leaves that part empty and never fails the status. At most {@link
 * #MAX_RESOURCES} resources are asked about, each command within {@link #TIMEOUT}. Immutable once read.
 */
final class DeviceNames {
    /** How long each command may run. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The most resources looked up: one command each. */
    static final int MAX_RESOURCES = 32;

    private static final Pattern DRBD_DEVICE = Pattern.compile("/dev/drbd(\\d{1,7})");
    private static final Pattern BY_RESOURCE = Pattern.compile("/dev/drbd/by-res/([^/]+)(?:/(\\d{1,5}))?");
    private static final DeviceNames NONE = new DeviceNames(Map.of(), Map.of());

    private final Map<Integer, String> resources;
    private final Map<Integer, String> mountPoints;

    private DeviceNames(Map<Integer, String> resources, Map<Integer, String> mountPoints) {
        this.resources = Map.copyOf(resources);
        this.mountPoints = Map.copyOf(mountPoints);
    }

    /**
     * Returns no names: for input that is not a host's own {@code /proc/drbd}.
     *
     * @return no names: for input that is not a host's own {@code /proc/drbd}
     */
    static DeviceNames none() {
        return NONE;
    }

    /**
     * Returns those names.
     *
     * @param resources the resource of each minor
     * @param mountPoints the mount point of each minor
     * @return those names
     */
    static DeviceNames of(Map<Integer, String> resources, Map<Integer, String> mountPoints) {
        return new DeviceNames(resources, mountPoints);
    }

    /**
     * Returns what could be read; {@link #none()} when nothing could.
     *
     * @param runner runs the commands on the host whose {@code /proc/drbd} was read
     * @return what could be read; {@link #none()} when nothing could
     */
    static DeviceNames read(CommandRunner runner) {
        Map<String, List<Integer>> minorsByResource = new LinkedHashMap<>();
        for (String resource : resources(runner)) {
            minorsByResource.put(resource, minors(runner, resource));
        }
        Map<Integer, String> resources = new HashMap<>();
        minorsByResource.forEach((resource, minors) -> minors.forEach(m -> resources.putIfAbsent(m, resource)));
        Map<Integer, String> mountPoints = new HashMap<>();
        for (Mount mount : mounts(runner)) {
            minor(mount.source(), minorsByResource).ifPresent(minor -> mountPoints.put(minor, mount.mountPoint()));
        }
        return new DeviceNames(resources, mountPoints);
    }

    /**
     * Returns the resource it belongs to, when known.
     *
     * @param minor a device's minor number
     * @return the resource it belongs to, when known
     */
    Optional<String> resource(int minor) {
        return Optional.ofNullable(resources.get(minor));
    }

    /**
     * Returns where its device is mounted (the last mount listed), when known.
     *
     * @param minor a device's minor number
     * @return where its device is mounted (the last mount listed), when known
     */
    Optional<String> mountPoint(int minor) {
        return Optional.ofNullable(mountPoints.get(minor));
    }

    /**
     * Returns whether any minor has a resource name.
     *
     * @return whether any minor has a resource name
     */
    boolean hasResources() {
        return !resources.isEmpty();
    }

    /**
     * Returns whether any minor has a mount point.
     *
     * @return whether any minor has a mount point
     */
    boolean hasMountPoints() {
        return !mountPoints.isEmpty();
    }

    private static List<String> resources(CommandRunner runner) {
        List<String> names = new ArrayList<>();
        for (String word : output(runner, "drbdadm", "sh-resources").split("\\s+")) {
            if (!word.isEmpty() && names.size() < MAX_RESOURCES && valid(word)) {
                names.add(word);
            }
        }
        return names;
    }

    private static List<Integer> minors(CommandRunner runner, String resource) {
        List<Integer> minors = new ArrayList<>();
        for (String line : output(runner, "drbdadm", "sh-minor", resource).split("\\R")) {
            if (line.strip().matches("\\d{1,7}")) {
                minors.add(Integer.parseInt(line.strip()));
            }
        }
        return minors;
    }

    private static List<Mount> mounts(CommandRunner runner) {
        try {
            return new CliHostProbe(runner, TIMEOUT).mounts();
        } catch (RuntimeException e) {
            // Best effort (see the class comment): no /proc/mounts, an ssh failure or a line not understood.
            return List.of();
        }
    }

    /** The minor a mount's source names: {@code /dev/drbd0}, or volume V (default 0) of a resource by name. */
    private static Optional<Integer> minor(String source, Map<String, List<Integer>> minorsByResource) {
        Matcher device = DRBD_DEVICE.matcher(source);
        if (device.matches()) {
            return Optional.of(Integer.parseInt(device.group(1)));
        }
        Matcher byResource = BY_RESOURCE.matcher(source);
        if (byResource.matches()) {
            List<Integer> minors = minorsByResource.getOrDefault(byResource.group(1), List.of());
            int volume = byResource.group(2) == null ? 0 : Integer.parseInt(byResource.group(2));
            // sh-minor lists a resource's minors in volume order; a volume beyond them is not named.
            return volume < minors.size() ? Optional.of(minors.get(volume)) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Returns stdout of a command that exited 0; empty when it did not run or failed.
     *
     * @return stdout of a command that exited 0; empty when it did not run or failed
     */
    private static String output(CommandRunner runner, String... argv) {
        try {
            CommandResult result = runner.run(Command.of(TIMEOUT, argv));
            return result.exitCode() == 0 ? result.stdoutText() : "";
        } catch (RuntimeException e) {
            // Best effort (see the class comment): no drbdadm, no configuration, ssh failed or timed out.
            return "";
        }
    }

    private static boolean valid(String resource) {
        try {
            Arguments.resourceName(resource);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
