package io.drbd4j.testkit.internal.drbd;

import io.drbd4j.testkit.internal.Outcome;

/**
 * How drbdadm reports what its drbdsetup/drbdmeta calls returned: the
 * first stderr line names the object, {@code additional info from kernel:} lines follow when the kernel gave some,
 * and drbdadm adds {@code Command '<argv>' terminated with exit code N} for N ≥ 10. The argv is the 8.4 form
 * ({@code drbdsetup-84 primary 0}) or the 8.3 form ({@code drbdsetup-83 0 primary}) by the node's dialect.
 */
final class Replies {
    private Replies() {}

    /**
     * Returns the drbdsetup argv drbdadm prints.
     *
     * @param n the node
     * @param cmd84 the 8.4 command and its object, such as {@code primary 0}
     * @param cmd83 the 8.3 command after the minor, such as {@code primary}
     * @return the drbdsetup argv drbdadm prints
     */
    static String setup(DrbdNode n, String cmd84, String cmd83) {
        return n.dialect.equals("8.3") ? "drbdsetup-83 " + n.config.minor() + " " + cmd83 : "drbdsetup-84 " + cmd84;
    }

    /**
     * Returns the drbdmeta argv for a metadata command.
     *
     * @return the drbdmeta argv for a metadata command
     */
    static String meta(DrbdNode n, String cmd) {
        return "drbdmeta " + n.config.minor() + " v08 " + n.config.disk() + " internal " + cmd;
    }

    /**
     * Returns drbdadm's line for a failed helper.
     *
     * @return drbdadm's line for a failed helper
     */
    static String commandLine(String argv, int exit) {
        return "Command '" + argv + "' terminated with exit code " + exit + "\n";
    }

    /**
     * Returns the drbdsetup exit code for a refused state change.
     *
     * @return the drbdsetup exit code for a refused state change
     */
    static int exitFor(int code) {
        switch (code) {
            case -2:
                return 17;
            case -16:
                return 5;
            case -4:
                return 16;
            default:
                return 11;
        }
    }

    /**
     * Returns the text of a state-change result (user/v84/drbd_strings.c).
     *
     * @return the text of a state-change result (user/v84/drbd_strings.c)
     */
    static String text(int code) {
        switch (code) {
            case -1:
                return "Multiple primaries not allowed by config";
            case -2:
                return "Need access to UpToDate data";
            case -7:
                return "Refusing to be Primary while peer is not outdated";
            case -8:
                return "Can not start OV/resync since it is already active";
            case -12:
                return "Device is held open by someone";
            case -14:
                return "Need a verify algorithm to start online verify";
            case -15:
                return "Need a connection to start verify or resync";
            default:
                throw new IllegalArgumentException("state change code " + code);
        }
    }

    /**
     * Returns the refusal.
     *
     * @param obj the object prefix ({@code 0}, {@code pc0})
     * @param code the kernel's negative result
     * @param argv the drbdsetup argv for the Command line, or null when drbdadm prints none
     * @return the refusal
     */
    static Outcome stateFailed(String obj, int code, String argv) {
        int exit = exitFor(code);
        String err = obj + ": State change failed: (" + code + ") " + text(code) + "\n";
        return Outcome.fail(exit, argv == null ? err : err + commandLine(argv, exit));
    }

    /**
     * Returns the failure, exit 10.
     *
     * @param obj the object prefix
     * @param code an ERR_* code (≥ 100)
     * @param text its message
     * @param info the kernel's additional info, or null
     * @param argv the drbdsetup argv
     * @return the failure, exit 10
     */
    static Outcome failure(String obj, int code, String text, String info, String argv) {
        String err = obj + ": Failure: (" + code + ") " + text + "\n";
        if (info != null) {
            err += "additional info from kernel:\n" + info + "\n";
        }
        return Outcome.fail(10, err + commandLine(argv, 10));
    }

    /**
     * Returns (127) for a command on a minor that does not exist (8.3 kernels give no additional info).
     *
     * @return (127) for a command on a minor that does not exist (8.3 kernels give no additional info)
     */
    static Outcome minorNotAllocated(DrbdNode n, String argv) {
        String info = n.dialect.equals("8.3") ? null : "unknown minor";
        return failure(String.valueOf(n.config.minor()), 127, "Device minor not allocated", info, argv);
    }

    /**
     * Returns drbdmeta refusing on an attached minor, as drbdadm reports it.
     *
     * @return drbdmeta refusing on an attached minor, as drbdadm reports it
     */
    static Outcome configured(DrbdNode n, String metaCmd) {
        return Outcome.fail(
                20, "Device '" + n.config.minor() + "' is configured!\n" + commandLine(meta(n, metaCmd), 20));
    }

    /**
     * Returns drbdmeta finding no meta data: {@code meta_*} returns -1, {@code main} exits {@code !!rv} = 1 (drbd-utils
     * 9.22 user/shared/drbdmeta.c), and drbdadm adds no Command line.
     *
     * @return drbdmeta finding no meta data: {@code meta_*} returns -1, {@code main} exits {@code !!rv} = 1
     *     (drbd-utils 9.22 user/shared/drbdmeta.c), and drbdadm adds no Command line
     */
    static Outcome noMetadata() {
        return Outcome.fail(1, "No valid meta data found\n");
    }
}
