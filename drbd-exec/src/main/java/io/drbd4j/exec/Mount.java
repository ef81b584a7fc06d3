package io.drbd4j.exec;

import io.drbd4j.core.Drbd4jStyle;
import org.immutables.value.Value;

/**
 * One line of {@code /proc/mounts} (proc(5)), its octal escapes ({@code \040} for a space) decoded:
 * {@code /dev/drbd0 /var/opt/opscode/drbd/data ext4 rw,relatime 0 0}.
 */
@Value.Immutable
@Drbd4jStyle
public abstract class Mount {
    // Only the implementation Immutables generates in this package extends this type.
    Mount() {}

    /**
     * Returns what is mounted: a device such as {@code /dev/drbd0}, or a name such as {@code proc}.
     *
     * @return what is mounted: a device such as {@code /dev/drbd0}, or a name such as {@code proc}
     */
    public abstract String source();

    /**
     * Returns where, an absolute path.
     *
     * @return where, an absolute path
     */
    public abstract String mountPoint();

    /**
     * Returns the filesystem type, such as {@code ext4}.
     *
     * @return the filesystem type, such as {@code ext4}
     */
    public abstract String type();

    /**
     * Returns the mount options as listed, such as {@code rw,relatime}.
     *
     * @return the mount options as listed, such as {@code rw,relatime}
     */
    public abstract String options();

    /**
     * Returns the mount.
     *
     * @param source what is mounted
     * @param mountPoint where
     * @param type the filesystem type
     * @param options the options
     * @return the mount
     */
    public static Mount of(String source, String mountPoint, String type, String options) {
        return ImmutableMount.builder()
                .source(source)
                .mountPoint(mountPoint)
                .type(type)
                .options(options)
                .build();
    }
}
