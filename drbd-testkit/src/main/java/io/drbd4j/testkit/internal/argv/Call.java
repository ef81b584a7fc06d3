package io.drbd4j.testkit.internal.argv;

import io.drbd4j.testkit.internal.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What drbdadm goes on to do after parsing its argv: run {@code command} on each target in order, passing
 * {@code backendOptions} to the drbdsetup/drbdmeta calls it generates.
 *
 * @param command the drbdadm command, deprecated names replaced ({@code state} is {@code role})
 * @param targets the resources named before the first unknown name, in argv order (empty for commands that take
 *     no resource)
 * @param backendOptions the options that reach drbdsetup/drbdmeta, as drbdadm passes them on ({@code --force},
 *     {@code --resync-rate=1100M}); drbdadm-83's own {@code --force} is not among them
 * @param warnings what drbdadm prints on stderr before it runs anything (such as the {@code state} deprecation
 *     notice), empty if nothing
 * @param trailingError when a later resource argument is unknown (options after the resource): what
 *     drbdadm prints and exits with after the calls for {@code targets} have run; their own results are then
 *     dropped for this exit code
 */
public record Call(
        String command,
        List<Target> targets,
        List<String> backendOptions,
        String warnings,
        Optional<Outcome> trailingError)
        implements Parsed {
    /**
     * Copies the lists.
     *
     * @param command the drbdadm command
     * @param targets the calls drbdadm makes
     * @param backendOptions the options that reach drbdsetup/drbdmeta
     * @param warnings what drbdadm prints on stderr before it runs anything
     * @param trailingError what drbdadm prints and exits with when a later resource argument is unknown
     */
    public Call {
        Objects.requireNonNull(command, "command");
        targets = List.copyOf(targets);
        backendOptions = List.copyOf(backendOptions);
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(trailingError, "trailingError");
    }

    /**
     * Returns whether some backend option is that option, with or without a value.
     *
     * @param option such as {@code --force}
     * @return whether some backend option is that option, with or without a value
     */
    public boolean hasBackendOption(String option) {
        return backendOptions.stream().anyMatch(o -> o.equals(option) || o.startsWith(option + "="));
    }

    /**
     * Returns the value of its last occurrence ({@code --resync-rate=1100M} gives {@code 1100M}).
     *
     * @param option such as {@code --resync-rate}
     * @return the value of its last occurrence ({@code --resync-rate=1100M} gives {@code 1100M})
     */
    public Optional<String> backendOptionValue(String option) {
        Optional<String> value = Optional.empty();
        for (String o : backendOptions) {
            if (o.startsWith(option + "=")) {
                value = Optional.of(o.substring(option.length() + 1));
            }
        }
        return value;
    }

    /**
     * One resource argument.
     *
     * @param resource the resource it names
     * @param volume the volume for an 8.4 {@code R/V} argument, empty for a whole resource
     */
    public record Target(ResourceConfig resource, OptionalInt volume) {
        /**
         * Checks the values.
         *
         * @param resource the resource it names
         * @param volume the volume for an 8.4 {@code R/V} argument, empty for a whole resource
         */
        public Target {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(volume, "volume");
        }
    }
}
