package io.drbd4j.exec;

import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.Set;

/**
 * What a drbdadm or drbdsetup exit code means (drbd-utils user/shared/shared_main.h
 * {@code E_USAGE 1, E_SYNTAX 2, E_CONFIG_INVALID 10, E_EXEC_ERROR 20}; drbdsetup's {@code print_config_error}).
 */
public enum ExitClass {
    /** 0. */
    SUCCESS,
    /** 1, or 3 before drbd-utils 8.9.2: unknown command or option, resource not in the config. */
    USAGE,
    /** 2: syntax error in the configuration. */
    CONFIG_SYNTAX,
    /** 5: state change refused, the disk is lower than Outdated. */
    LOWER_THAN_OUTDATED,
    /** 10: invalid configuration, or the kernel refused with a {@code Failure: (1xx)} error. */
    CONFIG,
    /** 11: a state change was refused; the stderr's {@code (-N)} says why. */
    STATE_REFUSED,
    /** 16: no local disk. */
    NO_DISK,
    /** 17: no access to UpToDate data (promote without force on Inconsistent data). */
    NO_UP_TO_DATE_DATA,
    /** 20: the module is missing, a program could not be run or timed out, or an unknown option (8.3). */
    MODULE_OR_EXEC,
    /**
     * 1 from a drbdmeta command (create-md, dump-md, apply-al, ...): drbdmeta's catch-all failure, whose stderr says
     * why (drbdmeta.c {@code main} exits {@code !!rv}); not a usage error of drbdadm.
     */
    DRBDMETA_FAILED,
    /** Anything else. */
    OTHER;

    /** The drbdadm commands that run drbdmeta on the backing disk and pass its exit code on. */
    private static final Set<String> DRBDMETA_COMMANDS = Set.of(
            "create-md", "dump-md", "apply-al", "wipe-md", "restore-md", "show-gi", "get-gi", "set-gi", "check-resize");

    /**
     * Returns the class, where exit 1 of a drbdmeta command ({@code drbdadm dump-md} and the like, or drbdmeta itself)
     * is {@link #DRBDMETA_FAILED}.
     *
     * @param command the command that exited
     * @param exitCode its exit code
     * @return the class, where exit 1 of a drbdmeta command ({@code drbdadm dump-md} and the like, or drbdmeta
     *     itself) is {@link #DRBDMETA_FAILED}
     */
    public static ExitClass of(Command command, int exitCode) {
        List<String> argv = command.argv();
        boolean drbdmeta = argv.get(0).endsWith("drbdmeta")
                || (argv.get(0).endsWith("drbdadm") && argv.stream().anyMatch(DRBDMETA_COMMANDS::contains));
        return exitCode == 1 && drbdmeta ? DRBDMETA_FAILED : of(exitCode);
    }

    /**
     * Returns its class.
     *
     * @param exitCode an exit code of drbdadm or drbdsetup
     * @return its class
     */
    public static ExitClass of(int exitCode) {
        switch (exitCode) {
            case 0:
                return SUCCESS;
            case 1:
            case 3:
                return USAGE;
            case 2:
                return CONFIG_SYNTAX;
            case 5:
                return LOWER_THAN_OUTDATED;
            case 10:
                return CONFIG;
            case 11:
                return STATE_REFUSED;
            case 16:
                return NO_DISK;
            case 17:
                return NO_UP_TO_DATE_DATA;
            case 20:
                return MODULE_OR_EXEC;
            default:
                return OTHER;
        }
    }
}
