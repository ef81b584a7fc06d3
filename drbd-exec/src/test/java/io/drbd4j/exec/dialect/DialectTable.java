package io.drbd4j.exec.dialect;

import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The golden table: every operation of {@link DrbdDialect} on resource {@code pc0} (minor 0, disk
 * {@code /dev/loop7}, rate {@code 1100M}), the exact argv each dialect must build, and what {@code drbdadm -d}
 * prints for that argv with the spec's test config (spec drbd-commands.md §1a, §1b, §1c, §1d; the printed first
 * word as a basename). {@link Drbd84DialectTest} and {@link Drbd83DialectTest} check the argv,
 * {@link DrbdadmDryRunOracleTest} runs the same argv through the real front ends.
 */
final class DialectTable {
    static final String RESOURCE = "pc0";
    static final String RATE = "1100M";

    /** 1100M in KiB/s: drbdsetup reads a rate in KiB/s, M multiplies by 1024 (spec §1c: 1126400k = 1100M). */
    static final long RATE_KIBPS = 1_126_400L;

    /** The smallest max-buffers that lets 1100M through: 20 KiB/s per buffer (drbd-state-machine.md corr. 3). */
    static final int MAX_BUFFERS_FOR_RATE = 56_320;

    private static final String MD = "drbdmeta 0 v08 /dev/loop7 internal";
    private static final String S83 = "drbdsetup-83 0";
    private static final String S84 = "drbdsetup-84";
    private static final String NET83 =
            "drbdsetup-83 0 net ipv4:127.0.0.1:7788 ipv4:127.0.0.2:7788 C --set-defaults --create-device";
    private static final String CON84 = "drbdsetup-84 connect pc0 ipv4:127.0.0.1:7788 ipv4:127.0.0.2:7788 --protocol=C";

    private DialectTable() {}

    /** How the oracle checks a row. */
    enum Check {
        /** {@code drbdadm -d} prints exactly these lines. */
        PRINTS,
        /** It runs for real even under {@code -d} ({@code dump}, {@code --version}): the output contains this. */
        OUTPUT_CONTAINS,
        /** {@code adjust}: checked against a fake {@code drbdsetup show} reporting a running rate of 1100M. */
        PRINTS_WITH_RUNNING_RATE,
        /** A direct drbdsetup call: no dry run exists, only {@code drbdsetup-8x help}. */
        DIRECT_DRBDSETUP,
        /** The dialect cannot express it: UnsupportedOperationException naming the dialect. */
        UNSUPPORTED
    }

    /**
     * What one dialect does for one operation.
     *
     * @param argvs the commands, in order
     * @param printed per command, the lines {@code drbdadm -d} prints (or the text the output contains)
     * @param check how the oracle checks it
     */
    record Expected(List<List<String>> argvs, List<List<String>> printed, Check check) {
        static Expected prints(List<String> argv, String... lines) {
            return new Expected(List.of(argv), List.of(List.of(lines)), Check.PRINTS);
        }

        static Expected unsupported() {
            return new Expected(List.of(), List.of(), Check.UNSUPPORTED);
        }
    }

    /**
     * One row.
     *
     * @param method the {@link DrbdDialect} method
     * @param label the row's name
     * @param build calls the method on a dialect with a resource name
     * @param on83 the 8.3 expectation
     * @param on84 the 8.4 expectation
     */
    record Row(
            String method,
            String label,
            BiFunction<DrbdDialect, String, List<Command>> build,
            Expected on83,
            Expected on84) {
        List<Command> commands(DrbdDialect dialect) {
            return build.apply(dialect, RESOURCE);
        }

        Expected expected(DrbdDialect dialect) {
            return dialect.name().equals("8.3") ? on83 : on84;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static List<String> adm(String... words) {
        return Stream.concat(Stream.of("drbdadm"), Stream.of(words)).toList();
    }

    private static Row same(
            String method, BiFunction<DrbdDialect, String, Command> build, Expected on83, Expected on84) {
        return new Row(method, method, (d, x) -> List.of(build.apply(d, x)), on83, on84);
    }

    private static Row rate(RateMethod method, Expected on83, Expected on84) {
        return new Row(
                "temporaryResyncRate",
                "temporaryResyncRate " + method,
                (d, x) -> d.temporaryResyncRate(x, 0, RATE, method).commands(),
                on83,
                on84);
    }

    static List<Row> rows() {
        String r = RESOURCE;
        return List.of(
                same(
                        "createMd",
                        (d, x) -> d.createMd(x, false),
                        Expected.prints(adm("create-md", r), MD + " create-md"),
                        Expected.prints(adm("create-md", r), MD + " create-md")),
                new Row(
                        "createMd",
                        "createMd force",
                        (d, x) -> List.of(d.createMd(x, true)),
                        // T2: 8.3's drbdadm eats "create-md --force" as its own option; only "-- --force" reaches
                        // drbdmeta.
                        Expected.prints(adm("--", "--force", "create-md", r), MD + " create-md --force"),
                        Expected.prints(adm("create-md", "--force", r), MD + " create-md --force")),
                same(
                        "up",
                        (d, x) -> d.up(x),
                        Expected.prints(
                                adm("up", r),
                                S83 + " disk /dev/loop7 /dev/loop7 internal --set-defaults --create-device",
                                S83 + " syncer --set-defaults --create-device",
                                NET83),
                        Expected.prints(
                                adm("up", r),
                                S84 + " new-resource pc0",
                                S84 + " new-minor pc0 0 0",
                                MD + " apply-al",
                                S84 + " attach 0 /dev/loop7 /dev/loop7 internal",
                                CON84)),
                same(
                        "down",
                        (d, x) -> d.down(x),
                        Expected.prints(adm("down", r), S83 + " down"),
                        Expected.prints(adm("down", r), S84 + " down pc0")),
                same(
                        "attach",
                        (d, x) -> d.attach(x),
                        Expected.prints(
                                adm("attach", r),
                                S83 + " disk /dev/loop7 /dev/loop7 internal --set-defaults --create-device"),
                        Expected.prints(
                                adm("attach", r), MD + " apply-al", S84 + " attach 0 /dev/loop7 /dev/loop7 internal")),
                same(
                        "detach",
                        (d, x) -> d.detach(x),
                        Expected.prints(adm("detach", r), S83 + " detach"),
                        Expected.prints(adm("detach", r), S84 + " detach 0")),
                same(
                        "connect",
                        (d, x) -> d.connect(x),
                        Expected.prints(adm("connect", r), NET83),
                        Expected.prints(adm("connect", r), CON84)),
                same(
                        "connectDiscardingMyData",
                        (d, x) -> d.connectDiscardingMyData(x),
                        Expected.prints(adm("--", "--discard-my-data", "connect", r), NET83 + " --discard-my-data"),
                        Expected.prints(adm("connect", "--discard-my-data", r), CON84 + " --discard-my-data")),
                same(
                        "disconnect",
                        (d, x) -> d.disconnect(x),
                        Expected.prints(adm("disconnect", r), S83 + " disconnect"),
                        Expected.prints(
                                adm("disconnect", r), S84 + " disconnect ipv4:127.0.0.1:7788 ipv4:127.0.0.2:7788")),
                same(
                        "primary",
                        (d, x) -> d.primary(x),
                        Expected.prints(adm("primary", r), S83 + " primary"),
                        Expected.prints(adm("primary", r), S84 + " primary 0")),
                same(
                        "primaryOverwritingPeer",
                        (d, x) -> d.primaryOverwritingPeer(x),
                        // T1: never "primary --force" on 8.3.
                        Expected.prints(
                                adm("--", "--overwrite-data-of-peer", "primary", r),
                                S83 + " primary --overwrite-data-of-peer"),
                        Expected.prints(adm("primary", "--force", r), S84 + " primary 0 --force")),
                same(
                        "secondary",
                        (d, x) -> d.secondary(x),
                        Expected.prints(adm("secondary", r), S83 + " secondary"),
                        Expected.prints(adm("secondary", r), S84 + " secondary 0")),
                rate(
                        RateMethod.GUIDE,
                        new Expected(
                                List.of(List.of("drbdsetup", "/dev/drbd0", "syncer", "-r", RATE)),
                                List.of(List.of()),
                                Check.DIRECT_DRBDSETUP),
                        Expected.prints(
                                adm("disk-options", "--resync-rate=" + RATE, r),
                                S84 + " disk-options 0 --resync-rate=" + RATE)),
                rate(
                        RateMethod.FIXED_RATE,
                        Expected.unsupported(),
                        Expected.prints(
                                adm("disk-options", "--c-plan-ahead=0", "--resync-rate=" + RATE, r),
                                S84 + " disk-options 0 --c-plan-ahead=0 --resync-rate=" + RATE)),
                rate(
                        RateMethod.MAX_BUFFERS,
                        Expected.unsupported(),
                        new Expected(
                                List.of(
                                        adm("net-options", "--max-buffers=" + MAX_BUFFERS_FOR_RATE, r),
                                        adm("disk-options", "--c-plan-ahead=0", "--resync-rate=" + RATE, r)),
                                List.of(
                                        List.of(S84 + " net-options ipv4:127.0.0.1:7788 ipv4:127.0.0.2:7788"
                                                + " --max-buffers=" + MAX_BUFFERS_FOR_RATE),
                                        List.of(S84 + " disk-options 0 --c-plan-ahead=0 --resync-rate=" + RATE)),
                                Check.PRINTS)),
                same(
                        "resetResyncRate",
                        (d, x) -> d.resetResyncRate(x),
                        // §1c: with a running rate of 1100M and none in the config, adjust resets it.
                        new Expected(
                                List.of(adm("adjust", r)),
                                List.of(List.of(S83 + " syncer --set-defaults --create-device")),
                                Check.PRINTS_WITH_RUNNING_RATE),
                        new Expected(
                                List.of(adm("adjust", r)),
                                List.of(List.of(S84 + " disk-options 0 --set-defaults")),
                                Check.PRINTS_WITH_RUNNING_RATE)),
                same(
                        "invalidate",
                        (d, x) -> d.invalidate(x),
                        Expected.prints(adm("invalidate", r), S83 + " invalidate", MD + " invalidate"),
                        Expected.prints(adm("invalidate", r), S84 + " invalidate 0", MD + " invalidate")),
                same(
                        "invalidateRemote",
                        (d, x) -> d.invalidateRemote(x),
                        Expected.prints(adm("invalidate-remote", r), S83 + " invalidate-remote"),
                        Expected.prints(adm("invalidate-remote", r), S84 + " invalidate-remote 0")),
                same(
                        "outdate",
                        (d, x) -> d.outdate(x),
                        Expected.prints(adm("outdate", r), S83 + " outdate", MD + " outdate"),
                        Expected.prints(adm("outdate", r), S84 + " outdate 0", MD + " outdate")),
                same(
                        "pauseSync",
                        (d, x) -> d.pauseSync(x),
                        Expected.prints(adm("pause-sync", r), S83 + " pause-sync"),
                        Expected.prints(adm("pause-sync", r), S84 + " pause-sync 0")),
                same(
                        "resumeSync",
                        (d, x) -> d.resumeSync(x),
                        Expected.prints(adm("resume-sync", r), S83 + " resume-sync"),
                        Expected.prints(adm("resume-sync", r), S84 + " resume-sync 0")),
                same(
                        "verify",
                        (d, x) -> d.verify(x),
                        Expected.prints(adm("verify", r), S83 + " verify"),
                        Expected.prints(adm("verify", r), S84 + " verify 0")),
                same(
                        "newCurrentUuidClearBitmap",
                        (d, x) -> d.newCurrentUuidClearBitmap(x),
                        Expected.prints(
                                adm("--", "--clear-bitmap", "new-current-uuid", r),
                                S83 + " new-current-uuid --clear-bitmap"),
                        Expected.prints(
                                adm("new-current-uuid", "--clear-bitmap", r + "/0"),
                                S84 + " new-current-uuid 0 --clear-bitmap")),
                same(
                        "cstate",
                        (d, x) -> d.cstate(x),
                        Expected.prints(adm("cstate", r), S83 + " cstate"),
                        Expected.prints(adm("cstate", r), S84 + " cstate 0")),
                same(
                        "dstate",
                        (d, x) -> d.dstate(x),
                        Expected.prints(adm("dstate", r), S83 + " dstate", MD + " dstate"),
                        Expected.prints(adm("dstate", r), S84 + " dstate 0", MD + " dstate")),
                same(
                        "role",
                        (d, x) -> d.role(x),
                        Expected.prints(adm("role", r), S83 + " role"),
                        Expected.prints(adm("role", r), S84 + " role 0")),
                same(
                        "getGi",
                        (d, x) -> d.getGi(x),
                        Expected.prints(adm("get-gi", r), S83 + " get-gi", MD + " get-gi"),
                        Expected.prints(adm("get-gi", r), S84 + " get-gi 0", MD + " get-gi")),
                same(
                        "show",
                        (d, x) -> d.show(x, 0),
                        // drbdsetup show prints the kernel's running configuration: no drbdadm form, no dry run.
                        new Expected(
                                List.of(List.of("drbdsetup", "/dev/drbd0", "show")),
                                List.of(List.of()),
                                Check.DIRECT_DRBDSETUP),
                        new Expected(
                                List.of(List.of("drbdsetup", "show", r)), List.of(List.of()), Check.DIRECT_DRBDSETUP)),
                same(
                        "dumpMd",
                        (d, x) -> d.dumpMd(x),
                        Expected.prints(adm("dump-md", r), MD + " dump-md"),
                        Expected.prints(adm("dump-md", r), MD + " dump-md")),
                same(
                        "resize",
                        (d, x) -> d.resize(x),
                        Expected.prints(adm("resize", r), S83 + " resize", S83 + " check-resize"),
                        Expected.prints(adm("resize", r), S84 + " resize 0", S84 + " check-resize 0")),
                same(
                        "wipeMd",
                        (d, x) -> d.wipeMd(x),
                        // 8.4's drbdadm refuses "wipe-md --force" and 8.3's drops it: "-- --force" reaches drbdmeta
                        // in both.
                        Expected.prints(adm("--", "--force", "wipe-md", r), MD + " wipe-md --force"),
                        Expected.prints(adm("--", "--force", "wipe-md", r), MD + " wipe-md --force")),
                same(
                        "dump",
                        (d, x) -> d.dump(x),
                        new Expected(
                                List.of(adm("dump", r)),
                                List.of(List.of("resource pc0 {", "/dev/drbd0", "/dev/loop7")),
                                Check.OUTPUT_CONTAINS),
                        new Expected(
                                List.of(adm("dump", r)),
                                List.of(List.of("resource pc0 {", "/dev/drbd0", "/dev/loop7")),
                                Check.OUTPUT_CONTAINS)),
                same(
                        "version",
                        (d, x) -> d.version(),
                        new Expected(
                                List.of(adm("--version")),
                                List.of(List.of("DRBDADM_API_VERSION=88")),
                                Check.OUTPUT_CONTAINS),
                        new Expected(
                                List.of(adm("--version")),
                                List.of(List.of("DRBDADM_API_VERSION=1")),
                                Check.OUTPUT_CONTAINS)));
    }
}
