package io.drbd4j.testkit.internal.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The direct drbdsetup calls drbd4j makes, parsed the way the drbd-utils 9.22 helpers do it, on a host whose
 * module is loaded (so the module checks both helpers make first pass): 8.3 {@code drbdsetup /dev/drbdN syncer -r
 * R} (also {@code --rate=R}, the bare minor, and the command first: user/v83/drbdsetup.c "forward compatibility"
 * swap), 8.4 {@code drbdsetup disk-options N --resync-rate=R} (also {@code N disk-options}: user/v84/drbdsetup.c
 * "backwards compatibility" swap), and {@code role}/{@code cstate}/{@code dstate}/{@code primary}/{@code secondary}
 * by minor in both.
 *
 * <p>Usage errors, with their sources: an unknown command prints the usage on stdout with {@code invalid command}
 * and exits 20 (v83 and v84 {@code main}; the 8.4 text is what {@code drbdsetup-84 bogus 0} prints here); an
 * unknown option is glibc's message with the command as program name, then 8.3 exits 20
 * ({@code print_config_error(OTHER_ERROR)}) and 8.4 prints the usage and exits 20 ({@code main}: {@code c == '?'});
 * 8.4 without an object prints {@code Missing first argument} and the command's usage, exit 20; an 8.4 object that
 * is no minor gives {@code Cannot determine minor device number of device '<x>'}, exit 20. 8.3 option values are
 * checked as {@code conv_numeric} does for {@code --rate} (range 1 to 4194304 KiB/s); 8.4 values are not checked
 * here. Other drbdsetup commands are not emulated.
 */
public final class DrbdsetupArgv {
    private static final Pattern MINOR = Pattern.compile("(?:/dev/drbd/?)?(\\d{1,7})");
    private static final Pattern NUMBER = Pattern.compile("(\\d+)([kKmMgGs]?)");

    private DrbdsetupArgv() {}

    /**
     * Returns the usage error or the call.
     *
     * @param dialect "8.3" or "8.4"
     * @param argv the whole command line, program first ({@code drbdsetup} or a path)
     * @return the usage error or the call
     * @throws UnsupportedOperationException for a real drbdsetup command this class does not emulate
     */
    public static Parsed parse(String dialect, List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty (expected: the program first)");
        }
        switch (dialect) {
            case "8.3":
                return parse83(argv);
            case "8.4":
                return parse84(argv);
            default:
                throw new IllegalArgumentException("DRBD dialect \"" + dialect + "\" (expected: 8.3 or 8.4)");
        }
    }

    private static boolean isCommand83(String word) {
        return SetupTables.LABELS_83.stream().anyMatch(l -> l.split(" ")[0].equals(word));
    }

    private static Parsed parse83(List<String> argv) {
        String prog = Getopt.basename(argv.get(0));
        List<String> a = new ArrayList<>(argv);
        if (a.size() < 3) {
            return DrbdadmArgv.exit(
                    20, SetupTables.usage83(prog, a.size() == 1 ? null : " Insufficient arguments"), "");
        }
        if (!isCommand83(a.get(2)) && isCommand83(a.get(1))) {
            String swap = a.get(1);
            a.set(1, a.get(2));
            a.set(2, swap);
        }
        String command = a.get(2);
        if (!isCommand83(command)) {
            return DrbdadmArgv.exit(20, SetupTables.usage83(prog, "invalid command"), "");
        }
        int minor = minor(a.get(1));
        if (minor < 0) {
            // main: "Cannot determine minor device number of drbd device '%s'" (no newline), exit 20. [I] the real
            // check is on an unsigned value and never fires; the kernel then refuses the bogus minor.
            return DrbdadmArgv.exit(20, "", "Cannot determine minor device number of drbd device '" + a.get(1) + "'");
        }
        List<String> rest = a.subList(3, a.size());
        if (SetupTables.GET_83.contains(command)) {
            return new SetupCall(command.equals("state") ? "role" : command, minor, List.of());
        }
        List<Getopt.Opt> table = SetupTables.OPTIONS_83.get(command);
        if (table == null) {
            throw new UnsupportedOperationException("drbdsetup-83 " + command + " is not emulated");
        }
        // generic_config_cmd runs getopt_long on argv + 2, so glibc names the command as the program.
        Getopt.Result r = Getopt.parse(command, rest, table);
        List<String> options = new ArrayList<>();
        for (Getopt.Found f : r.found()) {
            String value = f.value();
            if (f.opt().name().equals("rate")) {
                String error = checkRate(value);
                if (error != null) {
                    return DrbdadmArgv.exit(20, "", error);
                }
            }
            options.add(f.asLongOption());
        }
        if (r.error() != null) {
            return DrbdadmArgv.exit(20, "", r.error());
        }
        if (!r.operands().isEmpty()) {
            // warn_print_excess_args: the list on stderr, the newline (a bug) on stdout.
            return DrbdadmArgv.exit(20, "\n", "Excess arguments: " + String.join(" ", r.operands()));
        }
        return new SetupCall(command, minor, options);
    }

    /** {@code conv_numeric} with {@code m_strtoll(arg, 'k')} for {@code rate}: null when valid. */
    private static String checkRate(String value) {
        Matcher m = NUMBER.matcher(value);
        if (!m.matches()) {
            return value + " is not a valid number\n";
        }
        long n = Long.parseLong(m.group(1));
        long k;
        switch (m.group(2)) {
            case "M":
            case "m":
                k = n << 10;
                break;
            case "G":
            case "g":
                k = n << 20;
                break;
            case "s":
                k = n >> 1;
                break;
            default:
                k = n;
        }
        if (k < 1 || k > 4194304) {
            return "rate " + value + " => " + k + "k out of range [1..4194304]k\n";
        }
        return null;
    }

    private static Parsed parse84(List<String> argv) {
        String prog = Getopt.basename(argv.get(0));
        List<String> a = new ArrayList<>(argv);
        if (a.size() >= 3
                && !SetupTables.COMMANDS_84.contains(a.get(1))
                && SetupTables.COMMANDS_84.contains(a.get(2))) {
            String swap = a.get(1);
            a.set(1, a.get(2));
            a.set(2, swap);
        }
        if (a.size() < 2) {
            return DrbdadmArgv.exit(20, SetupTables.usage84(prog, null), "");
        }
        String command = a.get(1);
        if (!SetupTables.COMMANDS_84.contains(command)) {
            return DrbdadmArgv.exit(20, SetupTables.usage84(prog, "invalid command"), "");
        }
        List<Getopt.Opt> table = SetupTables.OPTIONS_84.get(command);
        if (table == null) {
            throw new UnsupportedOperationException("drbdsetup-84 " + command + " is not emulated");
        }
        // main: argv++ so that getopt_long sees the command as argv[0] and names it in its messages.
        Getopt.Result r = Getopt.parse(command, a.subList(2, a.size()), table);
        if (r.error() != null) {
            return DrbdadmArgv.exit(20, SetupTables.usage84(prog, null), r.error());
        }
        if (r.operands().isEmpty()) {
            return DrbdadmArgv.exit(20, SetupTables.commandUsage84(prog, command), "Missing first argument\n");
        }
        String object = r.operands().get(0);
        if (command.equals("show") && !MINOR.matcher(object).matches()) {
            // show takes a resource name on 8.4 (drbdsetup show pc0): the call names it, for the node to match.
            return new SetupCall("show", SetupCall.BY_RESOURCE, List.of(object));
        }
        int minor = minor(object);
        if (minor < 0) {
            return DrbdadmArgv.exit(20, "", "Cannot determine minor device number of device '" + object + "'\n");
        }
        List<String> options =
                r.found().stream().map(Getopt.Found::asLongOption).toList();
        return new SetupCall(command.equals("state") ? "role" : command, minor, options);
    }

    /** {@code dt_minor_of_dev}: {@code N}, {@code /dev/drbdN} or {@code /dev/drbd/N}; -1 otherwise. */
    static int minor(String device) {
        Matcher m = MINOR.matcher(device);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
