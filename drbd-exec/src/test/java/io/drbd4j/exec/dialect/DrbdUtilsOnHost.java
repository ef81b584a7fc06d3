package io.drbd4j.exec.dialect;

import static org.assertj.core.api.Assertions.fail;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The installed drbd-utils as an oracle, the way {@code shared/tools/verify-drbd-commands.sh} uses them: the
 * drbdadm-83/-84 front ends in {@code DRBD_LIB_DIR} (default: the first of /lib/drbd, /usr/lib/drbd,
 * /usr/libexec/drbd holding drbdadm-84), run with {@code -d} (dry run: prints the drbdsetup and drbdmeta calls, runs
 * none), and the drbdsetup-8x helpers' {@code help CMD}. Nothing here needs a kernel module or touches a device.
 * When the tools are missing a test is skipped with the reason printed, except under {@code CI=true}, where a skip
 * would hide a broken setup and fails instead.
 */
public final class DrbdUtilsOnHost {
    /** Each drbdadm dry run takes milliseconds; this only bounds a hang. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final CommonsExecRunner RUNNER = CommonsExecRunner.create();

    private DrbdUtilsOnHost() {}

    /** @return the folder of drbdadm-83/-84 and drbdsetup-83/-84 */
    public static Path libDir() {
        String env = System.getenv("DRBD_LIB_DIR");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        return Stream.of("/lib/drbd", "/usr/lib/drbd", "/usr/libexec/drbd")
                .map(Path::of)
                .filter(d -> Files.isExecutable(d.resolve("drbdadm-84")))
                .findFirst()
                .orElse(Path.of("/lib/drbd"));
    }

    /**
     * @param name such as {@code drbdadm-83}
     * @return the helper's path; skips (or fails under CI) when it is not installed
     */
    public static Path helper(String name) {
        Path p = libDir().resolve(name);
        if (!Files.isExecutable(p)) {
            skipOrFail("no executable " + p + " (install drbd-utils < 9.28, which still has the 8.3/8.4 helpers;"
                    + " CI does: apt-get install drbd-utils)");
        }
        return p;
    }

    /** @return the dispatching drbdadm of drbd-utils >= 8.9 (PATH, /usr/sbin, /sbin); skips when absent */
    public static Path wrapper() {
        List<Path> candidates = new ArrayList<>();
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "drbdadm"));
            }
        }
        candidates.add(Path.of("/usr/sbin/drbdadm"));
        candidates.add(Path.of("/sbin/drbdadm"));
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            skipOrFail("no drbdadm on PATH, in /usr/sbin or /sbin (install drbd-utils)");
        }
        return found.get();
    }

    /** Skips the test with the reason printed, or fails it under CI=true. */
    public static void skipOrFail(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            fail("drbd-utils oracle cannot run under CI=true: " + reason);
        }
        System.out.println("SKIPPED (drbd-utils oracle): " + reason);
        Assumptions.abort(reason);
    }

    /**
     * @param argv program and arguments
     * @return how it ended; stdin closed, LC_ALL=C
     */
    public static CommandResult run(List<String> argv) {
        return RUNNER.run(Command.of(TIMEOUT, argv));
    }

    /**
     * @param env variables to add, such as {@code DRBD_DRIVER_VERSION_OVERRIDE}
     * @param argv program and arguments
     * @return how it ended
     */
    public static CommandResult run(Map<String, String> env, List<String> argv) {
        return RUNNER.run(Command.builder()
                .timeout(TIMEOUT)
                .addAllArgv(argv)
                .putEnvironment("LC_ALL", "C")
                .putAllEnvironment(env)
                .build());
    }

    /** @return this host's {@code uname -n}, which drbdadm matches against {@code on <host>} */
    public static String nodeName() {
        CommandResult r = run(List.of("uname", "-n"));
        if (!r.succeeded()) {
            throw new AssertionError("uname -n failed: " + r);
        }
        return r.stdoutText().strip();
    }

    /**
     * Writes the spec's test config ({@code c83.conf} of verify-drbd-commands.sh): 8.3 syntax, which both
     * drbdadm-83 and drbdadm-84 read.
     *
     * @param dir a temporary folder
     * @return the config file
     */
    public static Path writeConfig(Path dir) {
        return write(
                dir.resolve("c83.conf"),
                "global { usage-count no; }\n"
                        + "resource pc0 { device /dev/drbd0; disk /dev/loop7; meta-disk internal; protocol C;\n"
                        + "  on \"" + nodeName() + "\" { address 127.0.0.1:7788; }"
                        + " on beta { address 127.0.0.2:7788; } }\n");
    }

    /**
     * Writes fake drbdsetup-83 and drbdsetup-84 that answer only {@code show}, with a running config whose resync
     * rate is 1100M ({@code 1126400k}), as verify-drbd-commands.sh does for its {@code *.rate.reset.adjust} rows:
     * {@code drbdadm adjust} compares that with the config.
     *
     * @param dir a temporary folder
     * @return the folder holding both fakes
     */
    public static Path writeFakeDrbdsetups(Path dir) {
        Path fake = dir.resolve("fake");
        try {
            Files.createDirectories(fake);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(
                fake.resolve("drbdsetup-84"),
                "#!/bin/sh\n"
                        + "[ \"$1\" = show ] || { echo \"fake drbdsetup-84: $*\" >&2; exit 0; }\n"
                        + "cat <<EOT\n"
                        + "resource pc0 {\n"
                        + "    _remote_host {\n"
                        + "        address\t\t\tipv4 127.0.0.2:7788;\n"
                        + "    }\n"
                        + "    _this_host {\n"
                        + "        address\t\t\tipv4 127.0.0.1:7788;\n"
                        + "        volume 0 {\n"
                        + "            device\t\t\tminor 0;\n"
                        + "            disk\t\t\t\"/dev/loop7\";\n"
                        + "            meta-disk\t\t\tinternal;\n"
                        + "            disk {\n"
                        + "                resync-rate     \t1126400k; # bytes/second\n"
                        + "            }\n"
                        + "        }\n"
                        + "    }\n"
                        + "}\n"
                        + "EOT\n");
        write(
                fake.resolve("drbdsetup-83"),
                "#!/bin/sh\n"
                        + "[ \"$2\" = show ] || { echo \"fake drbdsetup-83: $*\" >&2; exit 0; }\n"
                        + "printf 'disk {\\n"
                        + "\\tsize            \\t0s _is_default; # bytes\\n"
                        + "\\ton-io-error     \\tpass_on _is_default;\\n"
                        + "\\tfencing         \\tdont-care _is_default;\\n"
                        + "\\tmax-bio-bvecs   \\t0 _is_default;\\n"
                        + "}\\n"
                        + "'\n"
                        + "printf 'net {\\n"
                        + "\\ttimeout         \\t60 _is_default; # 1/10 seconds\\n"
                        + "\\tmax-epoch-size  \\t2048 _is_default;\\n"
                        + "\\tmax-buffers     \\t2048 _is_default;\\n"
                        + "\\tunplug-watermark\\t128 _is_default;\\n"
                        + "\\tconnect-int     \\t10 _is_default; # seconds\\n"
                        + "\\tping-int        \\t10 _is_default; # seconds\\n"
                        + "\\tsndbuf-size     \\t0 _is_default; # bytes\\n"
                        + "\\trcvbuf-size     \\t0 _is_default; # bytes\\n"
                        + "\\tko-count        \\t0 _is_default;\\n"
                        + "\\tafter-sb-0pri   \\tdisconnect _is_default;\\n"
                        + "\\tafter-sb-1pri   \\tdisconnect _is_default;\\n"
                        + "\\tafter-sb-2pri   \\tdisconnect _is_default;\\n"
                        + "\\trr-conflict     \\tdisconnect _is_default;\\n"
                        + "\\tping-timeout    \\t5 _is_default; # 1/10 seconds\\n"
                        + "\\ton-congestion   \\tblock _is_default;\\n"
                        + "\\tcongestion-fill \\t0s _is_default; # byte\\n"
                        + "\\tcongestion-extents\\t127 _is_default;\\n"
                        + "}\\n"
                        + "'\n"
                        + "printf 'syncer {\\n"
                        + "\\trate            \\t1126400k; # bytes/second\\n"
                        + "\\tafter           \\t-1 _is_default;\\n"
                        + "\\tal-extents      \\t127 _is_default;\\n"
                        + "\\ton-no-data-accessible\\tio-error _is_default;\\n"
                        + "\\tc-plan-ahead    \\t0 _is_default; # 1/10 seconds\\n"
                        + "\\tc-delay-target  \\t10 _is_default; # 1/10 seconds\\n"
                        + "\\tc-fill-target   \\t0s _is_default; # bytes\\n"
                        + "\\tc-max-rate      \\t102400k _is_default; # bytes/second\\n"
                        + "\\tc-min-rate      \\t4096k _is_default; # bytes/second\\n"
                        + "}\\n"
                        + "'\n"
                        + "printf 'protocol C;\\n"
                        + "_this_host {\\n"
                        + "\\tdevice\\t\\t\\tminor 0;\\n"
                        + "\\tdisk\\t\\t\\t\"/dev/loop7\";\\n"
                        + "\\tmeta-disk\\t\\tinternal;\\n"
                        + "\\taddress\\t\\t\\tipv4 127.0.0.1:7788;\\n"
                        + "}\\n"
                        + "_remote_host {\\n"
                        + "\\taddress\\t\\t\\tipv4 127.0.0.2:7788;\\n"
                        + "}\\n"
                        + "'\n");
        try {
            for (String name : List.of("drbdsetup-83", "drbdsetup-84")) {
                Files.setPosixFilePermissions(fake.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    /**
     * What a dry run printed, as verify-drbd-commands.sh's {@code norm} compares it: drbdadm-9's
     * {@code modinfo: not found} noise dropped, the first word reduced to its basename when it is a drbdsetup or
     * drbdmeta path (run by absolute path drbdadm prints {@code /lib/drbd/drbdsetup-84 …}, through the wrapper
     * {@code drbdsetup-84 …}), trailing blanks and empty lines removed.
     *
     * @param text stdout of {@code drbdadm -d}
     * @return the lines
     */
    public static List<String> printed(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.contains("modinfo")) {
                continue;
            }
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                continue;
            }
            String[] words = l.split(" ", 2);
            String first = words[0];
            String base = first.substring(first.lastIndexOf('/') + 1);
            if (first.contains("/") && (base.startsWith("drbdsetup") || base.equals("drbdmeta"))) {
                l = base + (words.length > 1 ? " " + words[1] : "");
            }
            lines.add(l);
        }
        return lines;
    }

    /** @return stderr without drbdadm-9's {@code sh: 1: modinfo: not found} noise (spec §4c) */
    public static List<String> errors(CommandResult r) {
        return Arrays.stream(r.stderrText().split("\n"))
                .filter(l -> !l.isBlank() && !l.contains("modinfo"))
                .toList();
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
