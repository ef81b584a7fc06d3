package io.drbd4j.testkit.internal.argv;

import java.util.List;
import java.util.Objects;

/**
 * A direct drbdsetup call addressed by minor, as drbd4j sends them: the command, the minor and the options in the
 * long form the kernel receives ({@code -r 1100M} becomes {@code --rate=1100M}).
 *
 * @param command such as {@code syncer}, {@code disk-options}, {@code role}
 * @param minor the device minor
 * @param options the command's options, normalized to {@code --name=value} or {@code --name}
 */
public record SetupCall(String command, int minor, List<String> options) implements Parsed {
    /** The minor of a call that names a resource instead (8.4 {@code drbdsetup show RESOURCE}): its only option. */
    public static final int BY_RESOURCE = -1;

    /**
     *
     * Copies the list.
     *
     *
     *
     * @param command such as {@code syncer}, {@code disk-options}, {@code role}
     *
     * @param minor the device minor
     *
     * @param options the command's options, normalized to {@code --name=value} or {@code --name}
     *
     */
    public SetupCall {
        Objects.requireNonNull(command, "command");
        options = List.copyOf(options);
    }
}
