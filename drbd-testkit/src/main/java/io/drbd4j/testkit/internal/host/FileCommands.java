package io.drbd4j.testkit.internal.host;

import io.drbd4j.testkit.internal.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The file commands of a {@link SimulatedHost}: {@code mkdir -p}, {@code touch}, {@code test -e}, {@code rm -f},
 * {@code cat}, {@code tee} and {@code dd of=F}, and the path walk they share, which honours mounts. Every error text was captured
 * from GNU coreutils 9.1 on Debian 12 (root) under {@code LC_ALL=C}, the locale drbd4j's runners set ({@code
 * Command#environment}): {@code mkdir}, {@code touch} and {@code rm} quote the path with '…' ({@code mkdir} would
 * print ‘…’ under a UTF-8 locale), {@code cat} and {@code tee} do not quote it. Paths needing shell escaping would be
 * quoted differently by the real tools; the workflows use none. Every text is compared with the real tools in {@code
 * RealHostToolsTest}.
 */
final class FileCommands {
    private final SimulatedHost host;

    FileCommands(SimulatedHost host) {
        this.host = host;
    }

    /** Why a walk stopped. */
    enum Miss {
        ENOENT("No such file or directory"),
        ENOTDIR("Not a directory");

        final String text;

        Miss(String text) {
            this.text = text;
        }
    }

    /** A walk's result: the node, or why there is none. */
    record Lookup(FsNode node, Miss miss) {
        boolean found() {
            return node != null;
        }
    }

    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash <= 0 ? "/" : normalized.substring(0, slash);
    }

    static String baseName(String normalized) {
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    /** Finds the node a path names, entering the filesystem of the innermost mount on the way. */
    Lookup lookup(String path) {
        String normalized = normalize(path);
        FsNode node = host.root();
        String rest = normalized;
        for (String point : host.mountPointsLongestFirst()) {
            if (normalized.equals(point) || normalized.startsWith(point + "/")) {
                node = host.mountTable().get(point).volume().orElseThrow().root();
                rest = normalized.substring(point.length());
                break;
            }
        }
        for (String part : rest.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!node.isDirectory()) {
                return new Lookup(null, Miss.ENOTDIR);
            }
            node = node.child(part);
            if (node == null) {
                return new Lookup(null, Miss.ENOENT);
            }
        }
        return new Lookup(node, null);
    }

    /** Creates a directory and its parents; used to seed a host. */
    void mkdirs(String path) {
        Outcome outcome = mkdirP(path);
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(outcome.stderr());
        }
    }

    Outcome run(String program, List<String> args, byte[] stdin) {
        return switch (program) {
            case "mkdir" ->
                args.size() == 2 && args.get(0).equals("-p")
                        ? mkdirP(args.get(1))
                        : args.size() == 1 && !args.get(0).startsWith("-")
                                ? mkdir(args.get(0))
                                : unsupported(program, args);
            case "rmdir" ->
                args.size() == 1 && !args.get(0).startsWith("-") ? rmdir(args.get(0)) : unsupported(program, args);
            case "touch" ->
                args.size() == 1 && !args.get(0).startsWith("-") ? touch(args.get(0)) : unsupported(program, args);
            case "test" ->
                args.size() == 2 && args.get(0).equals("-e")
                        ? new Outcome(lookup(args.get(1)).found() ? 0 : 1, "", "")
                        : unsupported(program, args);
            case "chmod" ->
                args.size() == 2 && args.get(0).matches("[0-7]{3,4}") ? chmod(args.get(1)) : unsupported(program, args);
            case "rm" -> args.size() == 2 && args.get(0).equals("-f") ? rm(args.get(1)) : unsupported(program, args);
            case "cat" ->
                !args.isEmpty() && args.stream().noneMatch(a -> a.startsWith("-"))
                        ? cat(args)
                        : unsupported(program, args);
            case "tee" ->
                args.size() == 1 && !args.get(0).startsWith("-") ? tee(args.get(0), stdin) : unsupported(program, args);
            case "dd" ->
                args.size() == 1 && args.get(0).startsWith("of=")
                        ? dd(args.get(0).substring(3), stdin)
                        : unsupported(program, args);
            default -> unsupported(program, args);
        };
    }

    /**
     * {@code chmod MODE F}: modes are not simulated, only that the file exists. Captured: {@code chmod: cannot access
     * 'F': No such file or directory}, exit 1.
     */
    private Outcome chmod(String path) {
        return lookup(path).found()
                ? Outcome.ok()
                : Outcome.fail(1, "chmod: cannot access '" + path + "': No such file or directory\n");
    }

    private static Outcome unsupported(String program, List<String> args) {
        return SimulatedHost.unsupported(SimulatedHost.prepend(program, args));
    }

    /**
     * {@code mkdir -p P}. Captured: {@code mkdir -p /etc/passwd/x} → {@code mkdir: cannot create directory
     * '/etc/passwd': Not a directory}, exit 1, naming the component that is a file.
     */
    private Outcome mkdirP(String path) {
        String normalized = normalize(path);
        StringBuilder prefix = new StringBuilder();
        for (String part : normalized.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String parentPath = prefix.length() == 0 ? "/" : prefix.toString();
            prefix.append('/').append(part);
            Lookup here = lookup(prefix.toString());
            if (here.found()) {
                if (!here.node().isDirectory()) {
                    String why = prefix.toString().equals(normalized) ? "File exists" : Miss.ENOTDIR.text;
                    return Outcome.fail(1, "mkdir: cannot create directory '" + prefix + "': " + why + "\n");
                }
                continue;
            }
            lookup(parentPath).node().put(part, FsNode.directory());
        }
        return Outcome.ok();
    }

    /**
     * {@code mkdir D}: atomic, so a lock. Captured: {@code mkdir: cannot create directory '/tmp/x': File exists} and
     * {@code ...: No such file or directory} (no parent), exit 1.
     */
    private Outcome mkdir(String path) {
        String normalized = normalize(path);
        if (lookup(normalized).found()) {
            return Outcome.fail(1, "mkdir: cannot create directory '" + path + "': File exists\n");
        }
        Lookup parent = lookup(parent(normalized));
        if (!parent.found() || !parent.node().isDirectory()) {
            return Outcome.fail(1, "mkdir: cannot create directory '" + path + "': No such file or directory\n");
        }
        parent.node().put(baseName(normalized), FsNode.directory());
        return Outcome.ok();
    }

    /**
     * {@code rmdir D}. Captured: {@code rmdir: failed to remove '/tmp/x': No such file or directory}, {@code ...:
     * Directory not empty}, {@code ...: Not a directory}, exit 1.
     */
    private Outcome rmdir(String path) {
        String normalized = normalize(path);
        Lookup target = lookup(normalized);
        String why = !target.found()
                ? "No such file or directory"
                : !target.node().isDirectory()
                        ? "Not a directory"
                        : !target.node().children().isEmpty() ? "Directory not empty" : null;
        if (why != null) {
            return Outcome.fail(1, "rmdir: failed to remove '" + path + "': " + why + "\n");
        }
        lookup(parent(normalized)).node().remove(baseName(normalized));
        return Outcome.ok();
    }

    /** {@code touch F}. Captured: {@code touch: cannot touch '/nonexist/x': No such file or directory}, exit 1. */
    private Outcome touch(String path) {
        String normalized = normalize(path);
        if (lookup(normalized).found()) {
            return Outcome.ok();
        }
        Lookup parent = lookup(parent(normalized));
        Miss miss = parent.found() ? (parent.node().isDirectory() ? null : Miss.ENOTDIR) : parent.miss();
        if (miss != null) {
            return Outcome.fail(1, "touch: cannot touch '" + path + "': " + miss.text + "\n");
        }
        parent.node().put(baseName(normalized), FsNode.file(new byte[0]));
        return Outcome.ok();
    }

    /**
     * {@code rm -f F}. Captured: missing → exit 0 silently; a directory → {@code rm: cannot remove 'P': Is a
     * directory}, exit 1.
     */
    private Outcome rm(String path) {
        String normalized = normalize(path);
        Lookup target = lookup(normalized);
        if (!target.found()) {
            return Outcome.ok();
        }
        if (target.node().isDirectory()) {
            return Outcome.fail(1, "rm: cannot remove '" + path + "': Is a directory\n");
        }
        lookup(parent(normalized)).node().remove(baseName(normalized));
        return Outcome.ok();
    }

    /**
     * {@code cat F...}. Captured: {@code cat: /nonexist: No such file or directory}, {@code cat: /tmp: Is a
     * directory}, exit 1.
     */
    private Outcome cat(List<String> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder err = new StringBuilder();
        for (String path : paths) {
            Lookup target = lookup(path);
            if (!target.found()) {
                err.append("cat: ")
                        .append(path)
                        .append(": ")
                        .append(target.miss().text)
                        .append('\n');
            } else if (target.node().isDirectory()) {
                err.append("cat: ").append(path).append(": Is a directory\n");
            } else {
                out.writeBytes(target.node().contents());
            }
        }
        return new Outcome(err.length() == 0 ? 0 : 1, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /**
     * {@code tee F}: writes stdin to F and echoes it. Captured: {@code echo hi | tee /nonexist/x} prints {@code hi}
     * and {@code tee: /nonexist/x: No such file or directory}, exit 1; a directory gives {@code Is a directory}.
     */
    private Outcome tee(String path, byte[] stdin) {
        String echoed = new String(stdin, StandardCharsets.UTF_8);
        String normalized = normalize(path);
        Lookup target = lookup(normalized);
        if (target.found()) {
            if (target.node().isDirectory()) {
                return new Outcome(1, echoed, "tee: " + path + ": Is a directory\n");
            }
            target.node().write(stdin);
            return Outcome.ok(echoed);
        }
        Lookup parent = lookup(parent(normalized));
        Miss miss = parent.found() ? (parent.node().isDirectory() ? null : Miss.ENOTDIR) : parent.miss();
        if (miss != null) {
            return new Outcome(1, echoed, "tee: " + path + ": " + miss.text + "\n");
        }
        parent.node().put(baseName(normalized), FsNode.file(stdin));
        return Outcome.ok(echoed);
    }

    /**
     * {@code dd of=F}: writes stdin to F (created, or truncated) and, unlike tee, echoes nothing on stdout; its
     * statistics go to stderr. Captured (coreutils 9.1): {@code 0+1 records in}, {@code 0+1 records out} (512-byte
     * blocks read whole, then one partial) and {@code 3 bytes copied, 3.1e-05 s, 98.3 kB/s}, or {@code 2000 bytes
     * (2.0 kB, 2.0 KiB) copied, ...} from 1000 bytes on; simulated time does not pass, so the time and rate read
     * {@code 0 s, Infinity B/s}. {@code dd: failed to open '/nonexist/x': No such file or directory} and {@code dd:
     * failed to open '/tmp': Is a directory}, exit 1.
     */
    private Outcome dd(String path, byte[] stdin) {
        String normalized = normalize(path);
        Lookup target = lookup(normalized);
        if (target.found()) {
            if (target.node().isDirectory()) {
                return Outcome.fail(1, "dd: failed to open '" + path + "': Is a directory\n");
            }
            target.node().write(stdin);
        } else {
            Lookup parent = lookup(parent(normalized));
            Miss miss = parent.found() ? (parent.node().isDirectory() ? null : Miss.ENOTDIR) : parent.miss();
            if (miss != null) {
                return Outcome.fail(1, "dd: failed to open '" + path + "': " + miss.text + "\n");
            }
            parent.node().put(baseName(normalized), FsNode.file(stdin));
        }
        int n = stdin.length;
        String records = (n / 512) + "+" + (n % 512 == 0 ? 0 : 1);
        String bytes = n == 1
                ? "1 byte"
                : n < 1000 ? n + " bytes" : n + " bytes (" + human(n, 1000, "kB") + ", " + human(n, 1024, "KiB") + ")";
        return new Outcome(
                0, "", records + " records in\n" + records + " records out\n" + bytes + " copied, 0 s, Infinity B/s\n");
    }

    /**
     * Returns the size in the unit with one decimal below 10 and none above (coreutils' human_readable, kB/KiB).
     *
     * @return the size in the unit with one decimal below 10 and none above (coreutils' human_readable, kB/KiB)
     */
    private static String human(int bytes, int base, String unit) {
        double v = (double) bytes / base;
        return (v < 10 ? String.format(java.util.Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v))) + " " + unit;
    }
}
