package io.drbd4j.testkit.internal.argv;

import io.drbd4j.testkit.internal.argv.Getopt.Arg;
import io.drbd4j.testkit.internal.argv.Getopt.Opt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * drbdadm's tables as drbd-utils 9.22 has them: general options, commands, and for 8.4 each command's drbdsetup
 * options. Read off {@code drbdadm-8x} usage and {@code drbdadm-84 help <cmd>} ("OPTIONS FOR ..."), and
 * user/v83/drbdadm_main.c, user/v84/drbdadm_main.c ({@code admopt}, {@code cmds[]}).
 */
final class AdmTables {
    /** The drbd-utils build the simulated tools claim to be. */
    static final String UTILS_VERSION = "9.22.0";

    static final String GIT_HASH = "409097fe02187f83790b88ac3e0d94f3c167adab reproducible build, 2023-01-09 14:51:18";

    /** drbdadm-83's {@code admopt}, in usage order. */
    static final List<Opt> GENERAL_83 = List.of(
            Opt.general("stacked", Arg.NONE, 'S'),
            Opt.general("dry-run", Arg.NONE, 'd'),
            Opt.general("verbose", Arg.NONE, 'v'),
            Opt.general("config-file", Arg.REQUIRED, 'c'),
            Opt.general("config-to-test", Arg.REQUIRED, 't'),
            Opt.general("drbdsetup", Arg.REQUIRED, 's'),
            Opt.general("drbdmeta", Arg.REQUIRED, 'm'),
            Opt.general("drbd-proxy-ctl", Arg.REQUIRED, 'p'),
            Opt.general("sh-varname", Arg.REQUIRED, 'n'),
            Opt.general("force", Arg.NONE, 'f'),
            Opt.general("peer", Arg.REQUIRED, 'P'),
            Opt.general("version", Arg.NONE, 'V'));

    /** drbdadm-84's {@code general_admopt}, in usage order. */
    static final List<Opt> GENERAL_84 = List.of(
            Opt.general("stacked", Arg.NONE, 'S'),
            Opt.general("dry-run", Arg.NONE, 'd'),
            Opt.general("verbose", Arg.NONE, 'v'),
            Opt.general("config-file", Arg.REQUIRED, 'c'),
            Opt.general("config-to-test", Arg.REQUIRED, 't'),
            Opt.general("drbdsetup", Arg.REQUIRED, 's'),
            Opt.general("drbdmeta", Arg.REQUIRED, 'm'),
            Opt.general("drbd-proxy-ctl", Arg.REQUIRED, 'p'),
            Opt.general("sh-varname", Arg.REQUIRED, 'n'),
            Opt.general("peer", Arg.REQUIRED, 'P'),
            Opt.general("version", Arg.NONE, 'V'),
            Opt.general("setup-option", Arg.REQUIRED, 'W'),
            Opt.general("help", Arg.NONE, 'h'));

    /** The COMMANDS list of drbdadm-83's usage. */
    static final List<String> USAGE_COMMANDS_83 =
            words("attach detach connect disconnect up down primary secondary invalidate invalidate-remote "
                    + "outdate resize syncer verify pause-sync resume-sync adjust wait-connect wait-con-int role "
                    + "cstate dstate dump dump-xml create-md show-gi get-gi dump-md wipe-md hidden-commands");

    /** drbdadm-83 hidden-commands. */
    static final List<String> HIDDEN_83 =
            words("status sh-nop sh-resources sh-resource sh-mod-parms sh-dev sh-udev sh-minor sh-ll-dev "
                    + "sh-md-dev sh-md-idx sh-ip sh-lr-of sh-b-pri sh-status proxy-up proxy-down "
                    + "before-resync-target after-resync-target before-resync-source pri-on-incon-degr "
                    + "pri-lost-after-sb fence-peer local-io-error pri-lost initial-split-brain split-brain "
                    + "out-of-sync suspend-io resume-io set-gi new-current-uuid check-resize");

    /** The COMMANDS list of drbdadm-84's usage. */
    static final List<String> USAGE_COMMANDS_84 =
            words("attach status disk-options detach connect net-options disconnect up resource-options down "
                    + "primary secondary invalidate invalidate-remote outdate resize verify pause-sync "
                    + "resume-sync adjust adjust-with-progress wait-connect wait-con-int role cstate dstate dump "
                    + "dump-xml create-md show-gi get-gi dump-md wipe-md apply-al hidden-commands");

    /** drbdadm-84 hidden-commands. */
    static final List<String> HIDDEN_84 =
            words("sh-nop sh-resources sh-resource sh-mod-parms sh-dev sh-udev sh-minor sh-ll-dev sh-md-dev "
                    + "sh-md-idx sh-ip sh-lr-of sh-b-pri sh-status proxy-up proxy-down new-resource "
                    + "before-resync-target after-resync-target before-resync-source pri-on-incon-degr "
                    + "pri-lost-after-sb fence-peer unfence-peer local-io-error pri-lost initial-split-brain "
                    + "split-brain out-of-sync sh-new-minor new-minor suspend-io resume-io set-gi "
                    + "new-current-uuid check-resize");

    /** Commands that take no resource (both dialects): they ignore names, with a warning. */
    static final Set<String> NO_RESOURCE = Set.of("sh-nop", "sh-resources", "sh-mod-parms", "wait-con-int");

    /**
     * Commands whose drbdsetup calls drbdadm builds without the setup options (wait-connect takes its
     * timeouts only from {@code startup {}}; drbdadm-83 attach runs {@code disk} without them). Found with
     * {@code drbdadm-8x -d -- --foo=1 <cmd> R}.
     */
    static final Set<String> DROPS_OPTIONS_83 = Set.of("wait-connect", "attach");

    static final Set<String> DROPS_OPTIONS_84 = Set.of("wait-connect");

    private static final String DISK_OPTS = "on-io-error= fencing= disk-barrier? disk-flushes? disk-drain? md-flushes?"
            + " resync-rate= resync-after= al-extents= al-updates? discard-zeroes-if-aligned? disable-write-same?"
            + " c-plan-ahead= c-delay-target= c-fill-target= c-max-rate= c-min-rate= disk-timeout="
            + " read-balancing= rs-discard-granularity=";

    private static final String NET_OPTS = "protocol= timeout= max-epoch-size= max-buffers= unplug-watermark="
            + " connect-int= ping-int= sndbuf-size= rcvbuf-size= ko-count= allow-two-primaries? cram-hmac-alg="
            + " shared-secret= after-sb-0pri= after-sb-1pri= after-sb-2pri= always-asbp? rr-conflict= ping-timeout="
            + " data-integrity-alg= tcp-cork? on-congestion= congestion-fill= congestion-extents= csums-alg="
            + " csums-after-crash-only? verify-alg= use-rle? socket-check-timeout=";

    /**
     * drbdadm-84: each command's drbdsetup options ({@code drbdsetup_ctx}), as {@code drbdadm-84 help <cmd>} lists
     * them; "name=" takes a value, "name?" an optional one. Commands not listed have none.
     */
    static final Map<String, List<Opt>> BACKEND_84 = backend84();

    /** drbdadm-84's getopt table: the general options, then every command's drbdsetup options. */
    static final List<Opt> GETOPT_84 = getopt84();

    private AdmTables() {}

    private static Map<String, List<Opt>> backend84() {
        Map<String, List<Opt>> m = new LinkedHashMap<>();
        m.put("attach", opts("size= max-bio-bvecs= " + DISK_OPTS));
        m.put("disk-options", opts(DISK_OPTS));
        m.put("detach", opts("force?"));
        m.put("connect", opts("tentative? discard-my-data? alternate-address= alternate-peer-address= " + NET_OPTS));
        m.put("net-options", opts(NET_OPTS));
        m.put("disconnect", opts("force?"));
        m.put("resource-options", opts("cpu-mask= on-no-data-accessible="));
        m.put("primary", opts("force?"));
        m.put("new-current-uuid", opts("clear-bitmap?"));
        return m;
    }

    private static List<Opt> opts(String spec) {
        List<Opt> list = new ArrayList<>();
        for (String s : spec.split(" ")) {
            String name = s.substring(0, s.length() - 1);
            list.add(Opt.backend(name, s.endsWith("=") ? Arg.REQUIRED : Arg.OPTIONAL));
        }
        return List.copyOf(list);
    }

    private static List<Opt> getopt84() {
        List<Opt> all = new ArrayList<>(GENERAL_84);
        for (List<Opt> opts : BACKEND_84.values()) {
            for (Opt o : opts) {
                if (all.stream().noneMatch(a -> a.name().equals(o.name()))) {
                    all.add(o);
                }
            }
        }
        return List.copyOf(all);
    }

    /**
     * Returns the 8.4 command's drbdsetup option names.
     *
     * @return the 8.4 command's drbdsetup option names
     */
    static List<Opt> backend84(String command) {
        return BACKEND_84.getOrDefault(command, List.of());
    }

    /**
     * drbdadm-83's {@code print_usage_and_exit}: on stdout.
     *
     * @param progname as printed
     * @param message the last line, or null
     * @return the text
     */
    static String usage83(String progname, String message) {
        StringBuilder sb = new StringBuilder("\nUSAGE: ")
                .append(progname)
                .append(" [OPTION...] [-- DRBDSETUP-OPTION...] COMMAND {all|RESOURCE...}\n\nOPTIONS:\n");
        for (Opt o : GENERAL_83) {
            sb.append(" {--")
                    .append(o.name())
                    .append("|-")
                    .append(o.shortName())
                    .append('}');
            sb.append(o.arg() == Arg.NONE ? "\n" : " val\n");
        }
        sb.append("\nCOMMANDS:\n").append(columns(USAGE_COMMANDS_83)).append('\n');
        return versionTail(sb, 88, message);
    }

    /**
     * drbdadm-84's {@code print_usage_and_exit}: on stdout.
     *
     * @param progname as printed
     * @param command the command, or null for the general usage
     * @param message the last line, or null
     * @return the text
     */
    static String usage84(String progname, String command, String message) {
        StringBuilder sb = new StringBuilder("\nUSAGE: ").append(progname).append(' ');
        sb.append(command == null ? "COMMAND" : command).append(" [OPTION...] {all|RESOURCE...}\n\nGENERAL OPTIONS:\n");
        for (Opt o : GENERAL_84) {
            sb.append("  --").append(o.name());
            sb.append(o.arg() == Arg.NONE ? ", -" + o.shortName() : "=..., -" + o.shortName() + " ...");
            sb.append('\n');
        }
        sb.append('\n');
        if (command == null) {
            sb.append("COMMANDS:\n").append(columns(USAGE_COMMANDS_84)).append('\n');
        } else if (!backend84(command).isEmpty()) {
            sb.append("OPTIONS FOR ").append(command).append(":\n");
            for (Opt o : backend84(command)) {
                sb.append("  --").append(o.name()).append(o.arg() == Arg.REQUIRED ? "=...\n" : "[=...]\n");
            }
            sb.append('\n');
        }
        return versionTail(sb, 1, message);
    }

    private static String versionTail(StringBuilder sb, int api, String message) {
        sb.append("Version: ")
                .append(UTILS_VERSION)
                .append(" (api:")
                .append(api)
                .append(")\n");
        sb.append("GIT-hash: ").append(GIT_HASH).append('\n');
        if (message != null) {
            sb.append('\n').append(message).append('\n');
        }
        return sb.toString();
    }

    /** Two columns of 35 after one blank, as drbdadm's usage lays them out ({@code " %-35s%-35s"}). */
    static String columns(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i % 2 == 0 ? " " : "").append(String.format("%-35s", names.get(i)));
            if (i % 2 == 1 || i == names.size() - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * {@code drbdadm --version} ({@code case 'V'} in both dialects' {@code parse_options}).
     *
     * @param api 88 or 1
     * @param kernelVersionCode the loaded module's version code, 0 when none is loaded
     * @return the text on stdout
     */
    static String version(int api, int kernelVersionCode) {
        return "DRBDADM_BUILDTAG=GIT-hash:\\ " + GIT_HASH.replace(" ", "\\ ").replace(",", "\\,") + "\n"
                + "DRBDADM_API_VERSION=" + api + "\n"
                + String.format("DRBD_KERNEL_VERSION_CODE=0x%06x", kernelVersionCode) + "\n"
                + "DRBDADM_VERSION_CODE=0x091600\n"
                + "DRBDADM_VERSION=" + UTILS_VERSION + "\n";
    }

    /**
     * Returns the blank-separated words of the text.
     *
     * @return the blank-separated words of the text
     */
    static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
