package io.drbd4j.core.model;

import io.drbd4j.core.proc.ParseProblem;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * Everything one read of {@code /proc/drbd} said:
 *
 * <pre>{@code
 * version: 8.4.2 (api:1/proto:86-101)
 * GIT-hash: 7ad5f850d711223713d6dcadc3dd48860321070c build by root@example.com, 2013-04-10 07:45:25
 *  0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
 *     ns:1048576 nr:0 dw:0 dr:1048776 al:0 bm:64 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0
 * }</pre>
 *
 * <p>DRBD 9 prints only the header and a {@code Transports} line. {@link #problems()} lists what a lenient
 * parse could not read; it is empty after a strict parse.
 */
@Value.Immutable
public abstract class ProcDrbdStatus {
    // Only the implementation Immutables generates in this package extends this type.
    ProcDrbdStatus() {}

    /**
     * Returns the version line; empty when the input lacked it or it could not be read.
     *
     * @return the version line; empty when the input lacked it or it could not be read
     */
    public abstract Optional<DrbdVersion> version();

    /**
     * Returns the build tag line; empty when the input lacked it.
     *
     * @return the build tag line; empty when the input lacked it
     */
    public abstract Optional<BuildTag> buildTag();

    /**
     * Returns the api number of DRBD 9's {@code Transports (api:N):} line, empty before DRBD 9.
     *
     * @return the api number of DRBD 9's {@code Transports (api:N):} line, empty before DRBD 9
     */
    public abstract OptionalInt transportsApi();

    /**
     * Returns the DRBD 9 transports, in printed order; empty before DRBD 9.
     *
     * @return the DRBD 9 transports, in printed order; empty before DRBD 9
     */
    public abstract List<Transport> transports();

    /**
     * Returns the devices in file order (ascending minors).
     *
     * @return the devices in file order (ascending minors)
     */
    public abstract List<DeviceStatus> devices();

    /**
     * Returns what a lenient parse could not read, in input order.
     *
     * @return what a lenient parse could not read, in input order
     */
    public abstract List<ParseProblem> problems();

    /**
     * Returns that minor's device, if the input showed it.
     *
     * @param minor a minor number
     * @return that minor's device, if the input showed it
     */
    public Optional<DeviceStatus> device(int minor) {
        for (DeviceStatus d : devices()) {
            if (d.minor() == minor) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a new builder of {@link ProcDrbdStatus} values.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProcDrbdStatus} values; not thread-safe. */
    public static final class Builder extends ImmutableProcDrbdStatus.Builder {
        Builder() {}
    }
}
