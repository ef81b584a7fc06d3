package io.drbd4j.exec;

import io.drbd4j.core.Drbd4jStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The reason DRBD gave for refusing: {@code 0: State change failed: (-2) Need access to UpToDate data} (a
 * negative state-change code, exit 11, 5, 16 or 17), or {@code r0: Failure: (158) Unknown resource} (a kernel
 * error code of 100 and more, exit 10). Codes and texts: drbd-utils user/v84/linux/drbd.h and drbd_strings.c.
 */
@Value.Immutable
@Drbd4jStyle
public abstract class StateChangeError {
    // Only the implementation Immutables generates in this package extends this type.
    StateChangeError() {}

    // drbdsetup print_config_error(): "<obj>: State change failed: (<n>) <text>" and "<obj>: Failure: (<n>) <text>".
    private static final Pattern STATE_CHANGE = Pattern.compile("State change failed: \\((-?\\d+)\\)\\s*(.*)");
    private static final Pattern FAILURE = Pattern.compile("Failure: \\((\\d+)\\)\\s*(.*)");

    /** The state-change codes drbd4j's procedures act on, with DRBD's own text. */
    public enum Reason {
        /** (-1) Multiple primaries not allowed by config. */
        TWO_PRIMARIES(-1),
        /** (-2) Need access to UpToDate data. */
        NO_UP_TO_DATE_DISK(-2),
        /** (-4) Can not resync without local disk. */
        NO_LOCAL_DISK(-4),
        /** (-5) Can not resync without remote disk. */
        NO_REMOTE_DISK(-5),
        /** (-6) Refusing to be Outdated while Connected. */
        CONNECTED_OUTDATES(-6),
        /** (-7) Refusing to be Primary while peer is not outdated. */
        PRIMARY_NOP(-7),
        /** (-8) Can not start OV/resync since it is already active. */
        RESYNC_RUNNING(-8),
        /** (-9) Can not disconnect a StandAlone device. */
        ALREADY_STANDALONE(-9),
        /** (-10) State change was refused by peer node. */
        REFUSED_BY_PEER(-10),
        /** (-11) Device is diskless, the requested operation requires a disk. */
        IS_DISKLESS(-11),
        /** (-12) Device is held open by someone: mounted or in use. */
        DEVICE_IN_USE(-12),
        /** (-13) Have no net/connection configuration. */
        NO_NET_CONFIG(-13),
        /** (-14) Need a verify algorithm to start online verify. */
        NO_VERIFY_ALG(-14),
        /** (-15) Need a connection to start verify or resync. */
        NEED_CONNECTION(-15),
        /** (-16) Disk state is lower than outdated. */
        LOWER_THAN_OUTDATED(-16),
        /** (-17) Peer does not support protocol. */
        NOT_SUPPORTED(-17),
        /** (-18) In transient state, retry after next state change. */
        IN_TRANSIENT_STATE(-18),
        /** (-19) Concurrent state changes detected and aborted. */
        CONCURRENT_STATE_CHANGE(-19),
        /** (0) unknown error. */
        UNKNOWN_ERROR(0);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        /**
         * Returns DRBD's code.
         *
         * @return DRBD's code
         */
        public int code() {
            return code;
        }

        static Optional<Reason> of(int code) {
            for (Reason r : values()) {
                if (r.code == code) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Returns the code: negative (or 0) for a refused state change, 100 and more for a kernel failure.
     *
     * @return the code: negative (or 0) for a refused state change, 100 and more for a kernel failure
     */
    public abstract int code();

    /**
     * Returns DRBD's text as printed, for example {@code Need access to UpToDate data}.
     *
     * @return DRBD's text as printed, for example {@code Need access to UpToDate data}
     */
    public abstract String message();

    /**
     * Returns true for a {@code Failure: (1xx)} kernel error rather than a state change.
     *
     * @return true for a {@code Failure: (1xx)} kernel error rather than a state change
     */
    public boolean isKernelFailure() {
        return code() >= 100;
    }

    /**
     * Returns the known reason, empty for kernel failures and codes drbd4j does not know.
     *
     * @return the known reason, empty for kernel failures and codes drbd4j does not know
     */
    public Optional<Reason> reason() {
        return isKernelFailure() ? Optional.empty() : Reason.of(code());
    }

    /**
     * Returns the first state-change or failure line, if any.
     *
     * @param stderr what drbdadm or drbdsetup printed on stderr
     * @return the first state-change or failure line, if any
     */
    public static Optional<StateChangeError> parse(String stderr) {
        for (String line : stderr.split("\n")) {
            Matcher m = STATE_CHANGE.matcher(line);
            if (!m.find()) {
                m = FAILURE.matcher(line);
                if (!m.find()) {
                    continue;
                }
            }
            try {
                return Optional.of(ImmutableStateChangeError.builder()
                        .code(Integer.parseInt(m.group(1)))
                        .message(m.group(2).strip())
                        .build());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "(" + code() + ") " + message();
    }
}
