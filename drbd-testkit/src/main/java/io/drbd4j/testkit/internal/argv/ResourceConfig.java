package io.drbd4j.testkit.internal.argv;

import java.util.Objects;

/**
 * The one resource a simulated host's drbd.conf defines, as far as argv parsing needs it: a single implicit
 * volume 0 (the Chef configuration's shape).
 *
 * @param name resource name, such as {@code pc0}
 * @param minor device minor
 * @param device device path, {@code /dev/drbd<minor>}
 * @param disk backing disk
 * @param hostName this host's name ({@code uname -n}), the {@code on} section that applies
 */
public record ResourceConfig(String name, int minor, String device, String disk, String hostName) {
    /**
     * Checks the values.
     *
     * @param name resource name, such as {@code pc0}
     * @param minor device minor
     * @param device device path, {@code /dev/drbd<minor>}
     * @param disk backing disk
     * @param hostName this host's name ({@code uname -n}), the {@code on} section that applies
     */
    public ResourceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(hostName, "hostName");
        if (minor < 0) {
            throw new IllegalArgumentException("minor " + minor + " (expected: >= 0)");
        }
    }

    /**
     * Returns the config.
     *
     * @param name resource name
     * @param minor device minor; the device is {@code /dev/drbd<minor>}
     * @param disk backing disk
     * @param hostName this host's name
     * @return the config
     */
    public static ResourceConfig of(String name, int minor, String disk, String hostName) {
        return new ResourceConfig(name, minor, "/dev/drbd" + minor, disk, hostName);
    }

    /**
     * How both drbdadm dialects find a resource argument: by name, by {@code minor-<N>}
     * ({@code res_by_minor}/{@code ctx_by_minor}), or {@code all}.
     *
     * @param arg a resource argument
     * @return whether it names this resource
     */
    boolean matches(String arg) {
        return arg.equals(name) || arg.equals("minor-" + minor) || arg.equals("all");
    }
}
