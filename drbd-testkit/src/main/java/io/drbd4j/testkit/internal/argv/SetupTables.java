package io.drbd4j.testkit.internal.argv;

import io.drbd4j.testkit.internal.argv.Getopt.Arg;
import io.drbd4j.testkit.internal.argv.Getopt.Opt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * drbdsetup-83 and drbdsetup-84's command tables ({@code commands[]} in user/v83/drbdsetup.c and
 * user/v84/drbdsetup.c of drbd-utils 9.22) and their usage texts, as far as the simulator emulates them.
 */
final class SetupTables {
    /** drbdsetup-83 {@code commands[]} with its BRIEF usage label, in order. */
    static final List<String> LABELS_83 = List.of(
            "primary [opts...]",
            "secondary",
            "disk [args...] [opts...]",
            "detach [opts...]",
            "net [args...] [opts...]",
            "disconnect [opts...]",
            "resize [opts...]",
            "syncer [opts...]",
            "new-current-uuid [opts...]",
            "invalidate",
            "invalidate-remote",
            "pause-sync",
            "resume-sync",
            "suspend-io",
            "resume-io",
            "outdate",
            "verify [opts...]",
            "down",
            "state",
            "role",
            "status",
            "sh-status",
            "cstate",
            "dstate",
            "show-gi",
            "get-gi",
            "show",
            "check-resize",
            "events [opts...]",
            "wait-connect [opts...]",
            "wait-sync [opts...]");

    /** drbdsetup-84 {@code commands[]} as its usage lists them, in order. */
    static final List<String> COMMANDS_84 =
            words("primary secondary attach disk-options detach connect net-options disconnect resize "
                    + "resource-options new-current-uuid invalidate invalidate-remote pause-sync resume-sync "
                    + "suspend-io resume-io outdate verify down state role sh-status cstate dstate show-gi "
                    + "get-gi show status check-resize events events2 wait-connect wait-sync new-resource "
                    + "new-minor del-minor del-resource");

    /** drbdsetup-83 commands the simulator emulates, with their options (user/v83/drbdsetup.c). */
    static final Map<String, List<Opt>> OPTIONS_83 = Map.of(
            "syncer",
                    with83(
                            Opt.general("rate", Arg.REQUIRED, 'r'),
                            Opt.general("after", Arg.REQUIRED, 'a'),
                            Opt.general("al-extents", Arg.REQUIRED, 'e'),
                            Opt.general("csums-alg", Arg.REQUIRED, 'C'),
                            Opt.general("verify-alg", Arg.REQUIRED, 'v'),
                            Opt.general("cpu-mask", Arg.REQUIRED, 'c'),
                            Opt.general("use-rle", Arg.NONE, 'R'),
                            Opt.general("on-no-data-accessible", Arg.REQUIRED, 'n'),
                            Opt.general("c-plan-ahead", Arg.REQUIRED, 'p'),
                            Opt.general("c-delay-target", Arg.REQUIRED, 'd'),
                            Opt.general("c-fill-target", Arg.REQUIRED, 's'),
                            Opt.general("c-max-rate", Arg.REQUIRED, 'M'),
                            Opt.general("c-min-rate", Arg.REQUIRED, 'm')),
            "primary",
                    with83(Opt.general("overwrite-data-of-peer", Arg.NONE, 'o'), Opt.general("force", Arg.NONE, 'f')),
            "secondary", with83());

    /** drbdsetup-83 get commands (no options): {@code generic_get_cmd}. */
    static final List<String> GET_83 = words("role state cstate dstate show");

    /** drbdsetup-84 minor commands the simulator emulates, with their options. */
    static final Map<String, List<Opt>> OPTIONS_84 = Map.of(
            "disk-options", with84(AdmTables.backend84("disk-options"), true),
            "primary", with84(AdmTables.backend84("primary"), false),
            "secondary", List.of(),
            "role", List.of(),
            "state", List.of(),
            "cstate", List.of(),
            "dstate", List.of(),
            "show", List.of());

    private SetupTables() {}

    /** {@code make_longoptions} (v83): the command's options plus the two omnipresent ones. */
    private static List<Opt> with83(Opt... opts) {
        List<Opt> list = new ArrayList<>(List.of(opts));
        list.add(Opt.general("set-defaults", Arg.NONE, '('));
        list.add(Opt.general("create-device", Arg.NONE, ')'));
        return List.copyOf(list);
    }

    /** {@code make_longoptions} (v84): the context's fields, then {@code --set-defaults} where allowed. */
    private static List<Opt> with84(List<Opt> fields, boolean setDefaults) {
        List<Opt> list = new ArrayList<>(fields);
        if (setDefaults) {
            list.add(Opt.backend("set-defaults", Arg.NONE));
        }
        return List.copyOf(list);
    }

    /**
     * drbdsetup-83 {@code print_usage}: stdout, then exit 20.
     *
     * @param progname as printed
     * @param addinfo the last line, or null
     * @return the text
     */
    static String usage83(String progname, String addinfo) {
        StringBuilder sb = new StringBuilder("\nUSAGE: ")
                .append(progname)
                .append(" device command arguments options\n\nDevice is usually /dev/drbdX or /dev/drbd/X.\n")
                .append("General options: --create-device, --set-defaults\n\nCommands are:\n");
        for (int i = 0; i < LABELS_83.size(); i++) {
            sb.append(String.format("%-40s", " " + LABELS_83.get(i)));
            if (i % 2 == 1) {
                sb.append('\n');
            }
        }
        return tail(sb, addinfo);
    }

    /**
     * drbdsetup-84 {@code print_usage_and_exit}: stdout, then exit 20.
     *
     * @param progname as printed
     * @param addinfo the last line, or null
     * @return the text
     */
    static String usage84(String progname, String addinfo) {
        StringBuilder sb = new StringBuilder("\nUSAGE: ")
                .append(progname)
                .append(" command device arguments options\n\nDevice is usually /dev/drbdX or /dev/drbd/X.\n")
                .append("\nCommands are:\n");
        for (int i = 0; i < COMMANDS_84.size(); i++) {
            if (i > 0 && i % 3 == 0) {
                sb.append('\n');
            }
            sb.append(i % 3 == 0 ? "    " : "").append(String.format("%-18s  ", COMMANDS_84.get(i)));
        }
        return tail(sb, addinfo);
    }

    private static String tail(StringBuilder sb, String addinfo) {
        sb.append("\n\nTo get more details about a command issue 'drbdsetup help cmd'.\n\n");
        if (addinfo != null) {
            sb.append('\n').append(addinfo).append('\n');
        }
        return sb.toString();
    }

    /**
     * drbdsetup-84 {@code print_command_usage(cmd, FULL)} for the minor commands without options
     * ({@code drbdsetup-84 help role}).
     */
    static String commandUsage84(String progname, String command) {
        switch (command) {
            case "primary":
                return "USAGE:\n " + progname + " primary {minor} [--force={yes|no}]\n";
            case "disk-options":
                return "USAGE:\n " + progname + " disk-options {minor} [--set-defaults]\n" + DISK_OPTIONS_USAGE_84;
            default:
                return "USAGE:\n " + progname + " " + command + " {minor}\n";
        }
    }

    /** The rest of {@code drbdsetup-84 help disk-options}, after its first line. */
    private static final String DISK_OPTIONS_USAGE_84 = "    [--on-io-error={pass_on|call-local-io-error|detach}]\n"
            + "    [--fencing={dont-care|resource-only|resource-and-stonith}]\n"
            + "    [--disk-barrier={yes|no}] [--disk-flushes={yes|no}] [--disk-drain={yes|no}]\n"
            + "    [--md-flushes={yes|no}] [--resync-rate=(1 ... 4194304)]\n"
            + "    [--resync-after=(-1 ... 1048575)] [--al-extents=(67 ... 65534)]\n"
            + "    [--al-updates={yes|no}] [--discard-zeroes-if-aligned={yes|no}]\n"
            + "    [--disable-write-same={yes|no}] [--c-plan-ahead=(0 ... 300)]\n"
            + "    [--c-delay-target=(1 ... 100)] [--c-fill-target=(0 ... 1048576)]\n"
            + "    [--c-max-rate=(250 ... 4194304)] [--c-min-rate=(0 ... 4194304)]\n"
            + "    [--disk-timeout=(0 ... 6000)]\n"
            + "    [--read-balancing={prefer-local|prefer-remote|round-robin|least-pending|when-congested-remote"
            + "|32K-striping|64K-striping|128K-striping|256K-striping|512K-striping|1M-striping}]\n"
            + "    [--rs-discard-granularity=(0 ... 1048576)]\n";

    /**
     * Returns the blank-separated words of the text.
     *
     * @return the blank-separated words of the text
     */
    static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
