package io.drbd4j.exec.dialect;

import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * The commands that change the resync rate for a while, and what rate to expect from them.
 */
@Value.Immutable
public abstract class ResyncRatePlan {
    // Only the implementation Immutables generates in this package extends this type.
    ResyncRatePlan() {}

    /**
     * Returns the commands, in order.
     *
     * @return the commands, in order
     */
    public abstract List<Command> commands();

    /**
     * Returns the resync rate to expect once applied, KiB/s; empty when the controller decides.
     *
     * @return the resync rate to expect once applied, KiB/s; empty when the controller decides
     */
    public abstract OptionalLong expectedKiBps();

    /**
     * Returns one sentence saying what the commands really do.
     *
     * @return one sentence saying what the commands really do
     */
    public abstract String explanation();

    /**
     * Returns a new builder of {@link ResyncRatePlan} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ResyncRatePlan} values; not thread-safe. */
    public static final class Builder extends ImmutableResyncRatePlan.Builder {
        Builder() {}
    }
}
