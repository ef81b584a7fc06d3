package io.drbd4j.testkit.internal.argv;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.runner.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * drbdadm command lines of both dialects and what the real drbdadm makes of them: every drbdadm argv drbd-exec's
 * dialects build, the traps of spec drbd-commands.md §2, and usage errors. DrbdadmArgvTest checks the parser
 * against the expectations; DrbdadmArgvOracleTest checks the parser against the real drbdadm-83/-84.
 */
final class ArgvTable {
    static final String RES = "pc0";

    /**
     * What drbdadm is expected to do.
     *
     * @param command the command a Call runs, or null for an Exit
     * @param options the backend options of a Call
     * @param exitCode the Exit's code, or a Call's trailing error's (0: none)
     * @param stderr the Exit's (or the trailing error's) stderr with progname {@code drbdadm}, or null not to check
     */
    record Expect(String command, List<String> options, int exitCode, String stderr) {}

    /**
     * One command line.
     *
     * @param id a short name
     * @param dialect "8.3" or "8.4"
     * @param args the words after {@code drbdadm}
     * @param expect what should happen
     */
    record Row(String id, String dialect, List<String> args, Expect expect) {
        @Override
        public String toString() {
            return dialect + " " + id + ": drbdadm " + String.join(" ", args);
        }
    }

    private ArgvTable() {}

    static Expect call(String command, String... options) {
        return new Expect(command, List.of(options), 0, null);
    }

    static Expect callThenError(String command, String stderr, String... options) {
        return new Expect(command, List.of(options), 1, stderr);
    }

    static Expect exit(int code, String stderr) {
        return new Expect(null, List.of(), code, stderr);
    }

    /** @return every row */
    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(dialectRows("8.4", DrbdDialect.drbd84()));
        rows.addAll(dialectRows("8.3", DrbdDialect.drbd83()));
        rows.addAll(trapsAndErrors());
        return rows;
    }

    /** Every drbdadm argv a drbd-exec dialect builds (the 8.3 resync-rate plan is a direct drbdsetup call). */
    static List<Row> dialectRows(String name, DrbdDialect d) {
        boolean is84 = name.equals("8.4");
        List<Row> rows = new ArrayList<>();
        Function<Command, List<String>> args = c -> c.argv().subList(1, c.argv().size());
        rows.add(new Row("createMd", name, args.apply(d.createMd(RES, false)), call("create-md")));
        rows.add(new Row("createMd.force", name, args.apply(d.createMd(RES, true)), call("create-md", "--force")));
        rows.add(new Row("up", name, args.apply(d.up(RES)), call("up")));
        rows.add(new Row("down", name, args.apply(d.down(RES)), call("down")));
        rows.add(new Row("attach", name, args.apply(d.attach(RES)), call("attach")));
        rows.add(new Row("detach", name, args.apply(d.detach(RES)), call("detach")));
        rows.add(new Row("connect", name, args.apply(d.connect(RES)), call("connect")));
        rows.add(new Row(
                "connectDiscardingMyData",
                name,
                args.apply(d.connectDiscardingMyData(RES)),
                call("connect", "--discard-my-data")));
        rows.add(new Row("disconnect", name, args.apply(d.disconnect(RES)), call("disconnect")));
        rows.add(new Row("primary", name, args.apply(d.primary(RES)), call("primary")));
        rows.add(new Row(
                "primaryOverwritingPeer",
                name,
                args.apply(d.primaryOverwritingPeer(RES)),
                call("primary", is84 ? "--force" : "--overwrite-data-of-peer")));
        rows.add(new Row("secondary", name, args.apply(d.secondary(RES)), call("secondary")));
        rows.add(new Row("resetResyncRate", name, args.apply(d.resetResyncRate(RES)), call("adjust")));
        rows.add(new Row("invalidate", name, args.apply(d.invalidate(RES)), call("invalidate")));
        rows.add(new Row("invalidateRemote", name, args.apply(d.invalidateRemote(RES)), call("invalidate-remote")));
        rows.add(new Row("outdate", name, args.apply(d.outdate(RES)), call("outdate")));
        rows.add(new Row("pauseSync", name, args.apply(d.pauseSync(RES)), call("pause-sync")));
        rows.add(new Row("resumeSync", name, args.apply(d.resumeSync(RES)), call("resume-sync")));
        rows.add(new Row("verify", name, args.apply(d.verify(RES)), call("verify")));
        rows.add(new Row(
                "newCurrentUuidClearBitmap",
                name,
                args.apply(d.newCurrentUuidClearBitmap(RES)),
                call("new-current-uuid", "--clear-bitmap")));
        rows.add(new Row("cstate", name, args.apply(d.cstate(RES)), call("cstate")));
        rows.add(new Row("dstate", name, args.apply(d.dstate(RES)), call("dstate")));
        rows.add(new Row("role", name, args.apply(d.role(RES)), call("role")));
        rows.add(new Row("dumpMd", name, args.apply(d.dumpMd(RES)), call("dump-md")));
        rows.add(new Row("dump", name, args.apply(d.dump(RES)), call("dump")));
        if (is84) {
            for (RateMethod m : RateMethod.values()) {
                List<Command> commands =
                        d.temporaryResyncRate(RES, 0, "1100M", m).commands();
                for (int i = 0; i < commands.size(); i++) {
                    List<String> a = args.apply(commands.get(i));
                    String command = a.get(0);
                    List<String> opts = a.subList(1, a.size() - 1);
                    rows.add(new Row(
                            "temporaryResyncRate." + m + "." + i, name, a, call(command, opts.toArray(String[]::new))));
                }
            }
        }
        return rows;
    }

    private static Row row(String id, String dialect, String args, Expect expect) {
        return new Row(id, dialect, List.of(args.split(" ")), expect);
    }

    /** The traps of spec §2 and the usage errors, in both dialects. */
    static List<Row> trapsAndErrors() {
        String nd83 = "' not defined in your config.\n";
        String nd84 = "' not defined in your config (for this host).\n";
        return List.of(
                row("T1.after", "8.3", "primary --force pc0", call("primary")),
                row("T1.before", "8.3", "--force primary pc0", call("primary")),
                row("T1.short", "8.3", "-f primary pc0", call("primary")),
                row("T1.ok-dd", "8.3", "-- --force primary pc0", call("primary", "--force")),
                row("T2", "8.3", "create-md --force pc0", call("create-md")),
                row(
                        "T4",
                        "8.3",
                        "primary pc0 -- --overwrite-data-of-peer",
                        callThenError("primary", "'--overwrite-data-of-peer" + nd83)),
                row(
                        "T4",
                        "8.4",
                        "primary pc0 -- --overwrite-data-of-peer",
                        callThenError("primary", "'--overwrite-data-of-peer" + nd84)),
                row("T4.late-name", "8.4", "primary pc0 nosuch", callThenError("primary", "'nosuch" + nd84)),
                row("T5", "8.4", "-- --rate=1100M disk-options pc0", call("disk-options", "--rate=1100M")),
                row(
                        "T5.overwrite",
                        "8.4",
                        "-- --overwrite-data-of-peer primary pc0",
                        call("primary", "--overwrite-data-of-peer")),
                row("T5.discard", "8.4", "-- --discard-my-data connect pc0", call("connect", "--discard-my-data")),
                row(
                        "T5.clear",
                        "8.4",
                        "-- --clear-bitmap new-current-uuid pc0",
                        call("new-current-uuid", "--clear-bitmap")),
                row("T3", "8.4", "-- --wfc-timeout=10 wait-connect pc0", call("wait-connect")),
                row("T3", "8.3", "-- --wfc-timeout=10 wait-connect pc0", call("wait-connect")),
                row("attach.dd", "8.3", "-- --foo=1 attach pc0", call("attach")),
                row("attach.dd", "8.4", "-- --foo=1 attach pc0", call("attach", "--foo=1")),
                row("up.T7", "8.3", "-- --discard-my-data up pc0", call("up", "--discard-my-data")),
                row(
                        "T3.bad",
                        "8.4",
                        "wait-connect --wfc-timeout=10 pc0",
                        exit(1, "drbdadm: unrecognized option '--wfc-timeout=10'\ntry 'drbdadm help'\n")),
                row(
                        "84opt.83",
                        "8.3",
                        "disk-options --resync-rate=1100M pc0",
                        exit(20, "drbdadm: unrecognized option '--resync-rate=1100M'\ntry 'drbdadm help'\n")),
                row(
                        "84opt.83.connect",
                        "8.3",
                        "connect --discard-my-data pc0",
                        exit(20, "drbdadm: unrecognized option '--discard-my-data'\ntry 'drbdadm help'\n")),
                row(
                        "84opt.83.ncu",
                        "8.3",
                        "new-current-uuid --clear-bitmap pc0",
                        exit(20, "drbdadm: unrecognized option '--clear-bitmap'\ntry 'drbdadm help'\n")),
                row(
                        "opt-after-res",
                        "8.3",
                        "primary pc0 --overwrite-data-of-peer",
                        exit(20, "drbdadm: unrecognized option '--overwrite-data-of-peer'\ntry 'drbdadm help'\n")),
                row("syncer", "8.4", "syncer pc0", exit(1, "drbdadm: Unknown command 'syncer'\n")),
                row(
                        "syncer.dd",
                        "8.4",
                        "-- --rate=1100M syncer pc0",
                        exit(1, "drbdadm: Unknown command '--rate=1100M'\n")),
                row(
                        "overwrite",
                        "8.4",
                        "primary --overwrite-data-of-peer pc0",
                        exit(1, "drbdadm: unrecognized option '--overwrite-data-of-peer'\ntry 'drbdadm help'\n")),
                row(
                        "wrong-table",
                        "8.4",
                        "disk-options --max-buffers=8000 pc0",
                        exit(1, "drbdadm: unrecognized option '--max-buffers'\ntry 'drbdadm help disk-options'\n")),
                row(
                        "create-md.unchecked",
                        "8.4",
                        "create-md --max-buffers=1 pc0",
                        call("create-md", "--max-buffers=1")),
                row("force-first", "8.4", "--force primary pc0", call("primary", "--force")),
                row("force-last", "8.4", "primary pc0 --force", call("primary", "--force")),
                row("force-no", "8.4", "primary --force=no pc0", call("primary", "--force=no")),
                row("prefix", "8.4", "primary --forc pc0", call("primary", "--force")),
                row("prefix.same-arg", "8.4", "disk-options --c-m=5 pc0", call("disk-options", "--c-max-rate=5")),
                row(
                        "separate-value",
                        "8.4",
                        "disk-options --resync-rate 1100M pc0",
                        call("disk-options", "--resync-rate=1100M")),
                row(
                        "missing-value",
                        "8.4",
                        "disk-options --resync-rate",
                        exit(1, "drbdadm: option '--resync-rate' requires an argument\ntry 'drbdadm help'\n")),
                row("W", "8.4", "-W --whatever primary pc0", call("primary", "--whatever")),
                row(
                        "short-f",
                        "8.4",
                        "primary -f pc0",
                        exit(1, "drbdadm: invalid option -- 'f'\ntry 'drbdadm help'\n")),
                row("volume", "8.4", "primary pc0/0", call("primary")),
                row("volume.bad", "8.4", "primary pc0/1", exit(1, "'pc0/1" + nd84)),
                row("volume.83", "8.3", "primary pc0/0", exit(1, "'pc0/0" + nd83)),
                row("minor", "8.3", "primary minor-0", call("primary")),
                row("minor", "8.4", "primary minor-0", call("primary")),
                row("all", "8.3", "primary all", call("primary")),
                row("all", "8.4", "primary all", call("primary")),
                row("unknown-res", "8.3", "primary nosuch", exit(1, "'nosuch" + nd83)),
                row("unknown-res", "8.4", "primary nosuch", exit(1, "'nosuch" + nd84)),
                row("unknown-res.first", "8.4", "primary nosuch pc0", exit(1, "'nosuch" + nd84)),
                row("unknown-cmd", "8.3", "bogus pc0", exit(1, "")),
                row("unknown-cmd", "8.4", "bogus pc0", exit(1, "drbdadm: Unknown command 'bogus'\n")),
                row("no-res", "8.3", "primary", exit(1, "")),
                row("no-res", "8.4", "primary", exit(1, "")),
                row("no-res.secondary", "8.4", "secondary", exit(1, "")),
                row("no-res.disk-options", "8.4", "disk-options --resync pc0", exit(1, "")),
                row("state", "8.3", "state pc0", call("role")),
                row("state", "8.4", "state pc0", call("role")),
                row("help", "8.3", "help", exit(1, "")),
                row("help", "8.4", "help", exit(0, "")),
                row("help.cmd", "8.4", "help primary", exit(0, "")),
                row("version", "8.3", "--version", exit(0, "")),
                row("version", "8.4", "--version", exit(0, "")),
                row("version.short", "8.4", "-V", exit(0, "")));
    }
}
