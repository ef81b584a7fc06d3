package io.drbd4j.exec;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one host's state beside {@link DrbdAdm}: its {@code /proc/drbd}, what is mounted where and from
 * which device, the filesystem on a device, whether a file exists, its bytes, and whether a TCP port is listening.
 * Nothing here changes the host. A command that could not run throws the runner's {@link
 * io.drbd4j.exec.runner.CommandException}; one that answered in a way that tells nothing throws {@link
 * CommandFailedException} (an unexpected exit) or {@link HostQueryException} (output not understood).
 *
 * <pre>{@code
 * HostProbe probe = new CliHostProbe(runner, Duration.ofSeconds(30));
 * boolean dataMounted = probe.mountAt("/var/opt/opscode/drbd/data")
 *         .filter(m -> m.source().equals("/dev/drbd0"))
 *         .isPresent();
 * }</pre>
 */
public interface HostProbe {
    /**
     * {@code cat /proc/drbd}, parsed strictly.
     *
     * @return the status; empty when the host has no {@code /proc/drbd} (no DRBD module loaded)
     * @throws io.drbd4j.core.proc.ProcDrbdParseException when the text is not understood
     */
    Optional<ProcDrbdStatus> procDrbd();

    /**
     * Returns every mount, in {@code /proc/mounts} order.
     *
     * @return every mount, in {@code /proc/mounts} order
     */
    List<Mount> mounts();

    /**
     * Returns what is mounted there (the last mount on that path, the one in effect); empty for nothing.
     *
     * @param mountPoint an absolute path
     * @return what is mounted there (the last mount on that path, the one in effect); empty for nothing
     */
    Optional<Mount> mountAt(String mountPoint);

    /**
     * {@code blkid -p -o value -s TYPE DEVICE}: the device's superblock, read directly (no cache).
     *
     * @param device a block device
     * @return the filesystem type, such as {@code ext4}; empty when blkid identifies nothing
     * @throws CommandFailedException when blkid cannot open the device (a DRBD Secondary refuses it) or fails
     */
    Optional<String> filesystemType(String device);

    /**
     * Returns whether it exists ({@code test -e}).
     *
     * @param path an absolute path
     * @return whether it exists ({@code test -e})
     */
    boolean exists(String path);

    /**
     * {@code cat PATH}.
     *
     * @param path an absolute path
     * @return its bytes as they are; empty when it does not exist
     * @throws HostQueryException when the file is longer than the runner's capture limit (16 MiB by default)
     */
    Optional<byte[]> read(String path);

    /**
     * Returns whether a socket listens on it ({@code ss -Hltn sport = :PORT}, iproute2).
     *
     * @param port a TCP port
     * @return whether a socket listens on it ({@code ss -Hltn sport = :PORT}, iproute2)
     */
    boolean listening(int port);

    /**
     * Returns the host's node name ({@code uname -n}): the name DRBD matches against a resource's {@code on} sections.
     *
     * @return the host's node name ({@code uname -n}): the name DRBD matches against a resource's {@code on} sections
     */
    String nodeName();

    /**
     * Returns every address configured on the host's interfaces ({@code ip -o addr show}, iproute2), IPv4 and IPv6,
     * without the prefix length, loopback included.
     *
     * @return every address configured on the host's interfaces ({@code ip -o addr show}, iproute2), IPv4 and IPv6,
     *     without the prefix length, loopback included
     */
    List<String> addresses();
}
