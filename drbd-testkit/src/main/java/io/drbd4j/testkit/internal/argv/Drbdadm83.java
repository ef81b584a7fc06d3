package io.drbd4j.testkit.internal.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * drbdadm-83 (drbd-utils user/v83/drbdadm_main.c): getopt over its own options only; {@code --force}/{@code -f} is
 * one of them ({@code case 'f': force = 1}), so it never reaches drbdsetup or drbdmeta. After
 * getopt, every word before the first known command is a drbdsetup option, passed on unchecked; every word after
 * it is a resource name. An unknown option exits 20 ({@code parse_options} returns 20); no command prints the usage
 * on stdout and exits 1.
 */
final class Drbdadm83 {
    private Drbdadm83() {}

    static Parsed parse(List<String> argv, ResourceConfig config, int kernelVersionCode) {
        String prog = Getopt.basename(argv.get(0));
        if (argv.size() == 1) {
            return DrbdadmArgv.exit(1, AdmTables.usage83(prog, "missing arguments"), "");
        }
        Getopt.Result r = Getopt.parse(prog, argv.subList(1, argv.size()), AdmTables.GENERAL_83);
        for (Getopt.Found f : r.found()) {
            if (f.opt().shortName() == 'V') {
                return DrbdadmArgv.exit(0, AdmTables.version(88, kernelVersionCode), "");
            }
        }
        if (r.error() != null) {
            return DrbdadmArgv.exit(20, "", r.error() + "try '" + prog + " help'\n");
        }
        List<String> ops = r.operands();
        List<String> setup = new ArrayList<>();
        String warnings = "";
        String command = null;
        int i = 0;
        for (; i < ops.size(); i++) {
            String word = ops.get(i);
            if (word.equals("help")) {
                return DrbdadmArgv.exit(1, AdmTables.usage83(prog, null), "");
            }
            String known = deprecated(word);
            if (known != null) {
                warnings = "'" + prog + " " + word + "' is deprecated, use '" + prog + " " + known + "' instead.\n";
                command = known;
                break;
            }
            if (AdmTables.USAGE_COMMANDS_83.contains(word) || AdmTables.HIDDEN_83.contains(word)) {
                command = word;
                break;
            }
            setup.add(word);
        }
        if (command == null) {
            return DrbdadmArgv.exit(1, AdmTables.usage83(prog, null), "");
        }
        List<String> names = ops.subList(i + 1, ops.size());
        if (AdmTables.DROPS_OPTIONS_83.contains(command)) {
            setup.clear();
        }
        boolean isDump = command.equals("dump") || command.equals("dump-xml");
        if (AdmTables.NO_RESOURCE.contains(command)) {
            if (names.size() > 1) {
                warnings += "this command will ignore resource names!\n";
            }
            return new Call(command, List.of(), setup, warnings, Optional.empty());
        }
        if (names.isEmpty()) {
            if (isDump) {
                return DrbdadmArgv.resolve(command, List.of("all"), config, setup, warnings, ".", false);
            }
            return DrbdadmArgv.exit(1, AdmTables.usage83(prog, "missing resourcename arguments"), warnings);
        }
        return DrbdadmArgv.resolve(command, names, config, setup, warnings, ".", false);
    }

    /** {@code substitute_deprecated_cmd}: the new name for a deprecated one, or null. */
    static String deprecated(String word) {
        switch (word) {
            case "state":
                return "role";
            case "outdate-peer":
                return "fence-peer";
            default:
                return null;
        }
    }
}
