package io.drbd4j.testkit.internal.argv;

import io.drbd4j.testkit.internal.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * drbdadm's command line as the drbd-utils 9.22 front ends parse it: {@code drbdadm-83} for dialect "8.3",
 * {@code drbdadm-84} for "8.4" (what the {@code drbdadm} wrapper execs for an 8.3 or 8.4 module). The result is a
 * usage error, {@code --version} or help ({@link Parsed.Exit}), or a {@link Call}: the command, the resources and
 * the options that reach drbdsetup/drbdmeta.
 *
 * <p>Reproduces the pitfalls of the two drbdadm front ends: 8.3 eats {@code --force}/{@code -f} as its own option;
 * words after the resource, {@code --} included, are resource names, so the command runs and then
 * drbdadm exits 1 with {@code '<word>' not defined in your config} ({@link Call#trailingError()}); 8.4 passes
 * {@code -- <opts> cmd} options on unchecked but checks options after the command against that command's
 * drbdsetup option table. Texts and exit codes: user/v83/drbdadm_main.c {@code parse_options}, {@code main};
 * user/v84/drbdadm_main.c {@code parse_options}, {@code main}; checked against the real tools by
 * DrbdadmArgvOracleTest.
 */
public final class DrbdadmArgv {
    private static final Pattern MODULE_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*");

    private DrbdadmArgv() {}

    /**
     * Parses as with no DRBD module loaded ({@code --version} then prints {@code DRBD_KERNEL_VERSION_CODE=0x000000}).
     *
     * @param dialect "8.3" or "8.4"
     * @param argv the whole command line, program first ({@code drbdadm}, or a path: drbdadm prints its basename)
     * @param config the resource the host's drbd.conf defines
     * @return the usage error or the call
     */
    public static Parsed parse(String dialect, List<String> argv, ResourceConfig config) {
        return parse(dialect, argv, config, null);
    }

    /**
     * Returns the usage error or the call.
     *
     * @param dialect "8.3" or "8.4"
     * @param argv the whole command line, program first
     * @param config the resource the host's drbd.conf defines
     * @param moduleVersion the loaded module's version, such as {@code 8.4.11}, or null when none is loaded
     * @return the usage error or the call
     */
    public static Parsed parse(String dialect, List<String> argv, ResourceConfig config, String moduleVersion) {
        Objects.requireNonNull(argv, "argv");
        Objects.requireNonNull(config, "config");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty (expected: the program first)");
        }
        int code = versionCode(moduleVersion);
        switch (dialect) {
            case "8.3":
                return Drbdadm83.parse(argv, config, code);
            case "8.4":
                return Drbdadm84.parse(argv, config, code);
            default:
                throw new IllegalArgumentException("DRBD dialect \"" + dialect + "\" (expected: 8.3 or 8.4)");
        }
    }

    /**
     * Returns the kernel version code drbdadm prints, {@code 0x08040b} for 8.4.11; 0 for null.
     *
     * @param moduleVersion such as {@code 8.4.11}, or null
     * @return the kernel version code drbdadm prints, {@code 0x08040b} for 8.4.11; 0 for null
     */
    static int versionCode(String moduleVersion) {
        if (moduleVersion == null) {
            return 0;
        }
        Matcher m = MODULE_VERSION.matcher(moduleVersion);
        if (!m.matches()) {
            throw new IllegalArgumentException("module version \"" + moduleVersion + "\" (expected: such as 8.4.11)");
        }
        return Integer.parseInt(m.group(1)) << 16 | Integer.parseInt(m.group(2)) << 8 | Integer.parseInt(m.group(3));
    }

    static Parsed exit(int code, String stdout, String stderr) {
        return new Parsed.Exit(new Outcome(code, stdout, stderr));
    }

    /**
     * Resolves the resource arguments as both dialects' {@code main} do: in order, each by name (8.4: also
     * {@code R/V}) or {@code minor-<N>}; at the first unknown one drbdadm prints the error and exits 1 (E_USAGE),
     * after the calls for the names before it have run.
     */
    static Parsed resolve(
            String command,
            List<String> names,
            ResourceConfig config,
            List<String> backend,
            String warnings,
            String notDefinedSuffix,
            boolean volumes) {
        List<Call.Target> targets = new ArrayList<>();
        if (!names.isEmpty() && names.get(0).equals("all")) {
            targets.add(new Call.Target(config, OptionalInt.empty()));
            return new Call(command, targets, backend, warnings, Optional.empty());
        }
        for (String name : names) {
            if (!name.equals("all") && config.matches(name)) {
                targets.add(new Call.Target(config, OptionalInt.empty()));
            } else if (volumes && name.equals(config.name() + "/0")) {
                targets.add(new Call.Target(config, OptionalInt.of(0)));
            } else {
                Outcome error =
                        new Outcome(1, "", "'" + name + "' not defined in your config" + notDefinedSuffix + "\n");
                if (targets.isEmpty()) {
                    return new Parsed.Exit(new Outcome(error.exitCode(), error.stdout(), warnings + error.stderr()));
                }
                return new Call(command, targets, backend, warnings, Optional.of(error));
            }
        }
        return new Call(command, targets, backend, warnings, Optional.empty());
    }
}
