package io.drbd4j.testkit.internal.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * drbdadm-84 (drbd-utils user/v84/drbdadm_main.c {@code parse_options}): getopt knows the general options plus
 * every command's drbdsetup options ({@code recognize_all_drbdsetup_options}); an option unknown to all of them is
 * glibc's {@code unrecognized option '<word>'} and {@code try '<prog> help'}, exit 1. After getopt, words before
 * the command are "explicit" drbdsetup options, like {@code -W}, passed on unchecked; words after it are
 * resource names. Options getopt took are then checked against the command's own table (except for create-md):
 * {@code unrecognized option '--<name>'} and {@code try '<prog> help <cmd>'}, exit 1.
 */
final class Drbdadm84 {
    private Drbdadm84() {}

    /** A setup option and whether it was explicit (not checked). */
    private record Setup(String option, boolean explicit) {}

    static Parsed parse(List<String> argv, ResourceConfig config, int kernelVersionCode) {
        String prog = Getopt.basename(argv.get(0));
        Getopt.Result r = Getopt.parse(prog, argv.subList(1, argv.size()), AdmTables.GETOPT_84);
        List<Setup> setup = new ArrayList<>();
        boolean help = false;
        for (Getopt.Found f : r.found()) {
            if (f.opt().backend()) {
                setup.add(new Setup(f.asLongOption(), false));
            } else if (f.opt().shortName() == 'W') {
                setup.add(new Setup(f.value(), true));
            } else if (f.opt().shortName() == 'h') {
                help = true;
            } else if (f.opt().shortName() == 'V') {
                return DrbdadmArgv.exit(0, AdmTables.version(1, kernelVersionCode), "");
            }
        }
        if (r.error() != null) {
            return DrbdadmArgv.exit(1, "", r.error() + "try '" + prog + " help'\n");
        }
        String command = null;
        String warnings = "";
        List<String> names = new ArrayList<>();
        for (String word : r.operands()) {
            if (command != null) {
                names.add(word);
            } else if (word.equals("help")) {
                help = true;
            } else {
                String known = Drbdadm83.deprecated(word);
                if (known != null) {
                    warnings +=
                            "'" + prog + " " + word + "' is deprecated, use '" + prog + " " + known + "' instead.\n";
                    command = known;
                } else if (AdmTables.USAGE_COMMANDS_84.contains(word) || AdmTables.HIDDEN_84.contains(word)) {
                    command = word;
                } else {
                    setup.add(new Setup(word, true));
                }
            }
        }
        if (help) {
            return DrbdadmArgv.exit(0, AdmTables.usage84(prog, command, null), warnings);
        }
        if (command == null) {
            if (!r.operands().isEmpty()) {
                return DrbdadmArgv.exit(
                        1,
                        "",
                        warnings + prog + ": Unknown command '" + r.operands().get(0) + "'\n");
            }
            return DrbdadmArgv.exit(1, AdmTables.usage84(prog, null, "No command specified"), warnings);
        }
        if (!command.equals("create-md")) {
            for (Setup s : setup) {
                if (s.explicit()) {
                    continue;
                }
                String name = s.option().split("=", 2)[0];
                boolean known = AdmTables.backend84(command).stream().anyMatch(o -> ("--" + o.name()).equals(name));
                if (!known) {
                    return DrbdadmArgv.exit(
                            1,
                            "",
                            warnings + prog + ": unrecognized option '" + name + "'\ntry '" + prog + " help " + command
                                    + "'\n");
                }
            }
        }
        List<String> backend = AdmTables.DROPS_OPTIONS_84.contains(command)
                ? List.of()
                : setup.stream().map(Setup::option).toList();
        boolean allImplied = command.equals("dump") || command.equals("dump-xml") || command.equals("status");
        if (names.isEmpty()) {
            if (allImplied) {
                return DrbdadmArgv.resolve(command, List.of("all"), config, backend, warnings, "", true);
            }
            if (AdmTables.NO_RESOURCE.contains(command)) {
                return new Call(command, List.of(), backend, warnings, Optional.empty());
            }
            return DrbdadmArgv.exit(1, AdmTables.usage84(prog, command, "No resource names specified"), warnings);
        }
        if (AdmTables.NO_RESOURCE.contains(command)) {
            warnings += "This command will ignore resource names!\n";
            return new Call(command, List.of(), backend, warnings, Optional.empty());
        }
        return DrbdadmArgv.resolve(command, names, config, backend, warnings, " (for this host).", true);
    }
}
