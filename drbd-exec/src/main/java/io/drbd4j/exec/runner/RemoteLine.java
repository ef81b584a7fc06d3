package io.drbd4j.exec.runner;

import io.drbd4j.exec.internal.Shell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shell line {@link SshRunner} has the remote host run for one command, and what its standard error says about
 * how far the line got. One run carries a random id, which the line uses three ways:
 *
 * <ul>
 *   <li>it prints {@code drbd4j:ID} on stderr before anything else, so everything before that line is the ssh
 *       client's own, and without it the command did not run, whatever the exit code;
 *   <li>when {@code cd} to the working directory fails it prints {@code drbd4j:ID:no-directory} and exits, so a
 *       missing directory is a start failure as on this host;
 *   <li>the command runs with {@code DRBD4J_SSH_RUN=ID} in its environment, which its descendants inherit even when
 *       they leave its process group or session ({@code setsid}); when the command has ended, on its own or by
 *       {@code timeout}, the line kills every process whose {@code /proc/PID/environ} holds that entry, since any of
 *       them would keep the ssh channel open. A command that ended on its own is not followed: what it started in
 *       the background lives on (a child that keeps its output holds the session until the local deadline). A
 *       process that clears its environment escapes this.
 * </ul>
 */
final class RemoteLine {
    /** Linux's limit on one argument (MAX_ARG_STRLEN, 32 pages), NUL included: sshd passes the line as one. */
    static final int MAX_LINE_BYTES = 131_072 - 1;

    /** The variable that marks the command's processes. */
    static final String RUN_VARIABLE = "DRBD4J_SSH_RUN";

    /**
     * The longest word, in UTF-16 chars, that goes into the line as it is; longer ones are cut into pieces of this
     * size, each quoted at most 4 bytes per byte of UTF-8 (3 per char) plus 15: at most 24,015 bytes.
     */
    private static final int PIECE_CHARS = 2_000;

    private final String runId;
    private final String line;
    private final List<String> tokens;

    private RemoteLine(String runId, String line, List<String> tokens) {
        this.runId = runId;
        this.line = line;
        this.tokens = List.copyOf(tokens);
    }

    /**
     * Returns the line as words for the ssh client, which joins them with single blanks: each word at most {@link
     * Command#MAX_ARGUMENT_BYTES} long, cut only where the line has a blank between two of its statements or words.
     *
     * @return the line as words for the ssh client
     */
    List<String> sshWords() {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (String token : tokens) {
            if (word.length() > 0 && word.length() + 1 + token.length() > Command.MAX_ARGUMENT_BYTES) {
                out.add(word.toString());
                word.setLength(0);
            }
            if (word.length() > 0) {
                word.append(' ');
            }
            word.append(token);
        }
        out.add(word.toString());
        return out;
    }

    /**
     * Returns the line that runs the command under {@code timeout -k GRACE T}.
     *
     * @param command the command
     * @param runId the run's id: letters and digits
     * @param killGraceSeconds how long {@code timeout} waits after TERM before KILL
     * @return the line that runs the command under {@code timeout -k GRACE T}
     * @throws IllegalArgumentException when the program would be read as an option or assignment, or the line is
     *     longer than {@link #MAX_LINE_BYTES}
     */
    static RemoteLine of(Command command, String runId, long killGraceSeconds) {
        return of(command, runId, killGraceSeconds, false);
    }

    /**
     * Returns the line that runs a streamed command under {@code timeout -k GRACE T}: as {@link #of(Command, String,
     * long)}, but the command's standard input is {@code /dev/null}, and a background reader holds the session's
     * own standard input; when that ends (the local side closed the stream, or the connection is gone) it kills
     * every process of the run, so that a command that prints only now and then does not outlive its reader.
     *
     * @param command the command
     * @param runId the run's id: letters and digits
     * @param killGraceSeconds how long {@code timeout} waits after TERM before KILL
     * @return the line
     */
    static RemoteLine stream(Command command, String runId, long killGraceSeconds) {
        return of(command, runId, killGraceSeconds, true);
    }

    private static RemoteLine of(Command command, String runId, long killGraceSeconds, boolean stream) {
        String program = command.program();
        if (program.startsWith("-") || program.contains("=")) {
            // env(1) would read such a word as an option or an assignment, not as the program.
            throw new IllegalArgumentException("program \"" + program + "\" (expected: a name or path that starts"
                    + " with neither '-' nor contains '=')");
        }
        String marker = "drbd4j:" + runId;
        long seconds = Math.max(1, (command.timeout().toMillis() + 999) / 1000);
        List<String> words = new ArrayList<>(
                List.of("timeout", "-k", String.valueOf(killGraceSeconds), String.valueOf(seconds), "env"));
        command.environment().forEach((k, v) -> words.add(k + "=" + v));
        words.add(RUN_VARIABLE + "=" + runId); // last, so that the command's environment cannot replace it
        words.addAll(command.argv());
        List<String> tokens = new ArrayList<>();
        tokens.add("printf '%s\\n' " + marker + " >&2;");
        command.workingDirectory()
                .ifPresent(dir -> tokens.add("cd -- " + remoteWord(directoryOperand(dir)) + " || { printf '\\n%s\\n' "
                        + marker + ":no-directory >&2; exit 1; };"));
        // "$((...))", "set --" and a function are POSIX. GNU grep's -z reads /proc/PID/environ as NUL-separated
        // entries and -x matches a whole one: a variable that merely holds the line, such as SSH_ORIGINAL_COMMAND of
        // a forced command (sshd(8)), must not mark its process. A zombie's environ reads as empty. Several rounds
        // catch what a dying parent forked meanwhile.
        tokens.add("drbd4j_reap() { i=0; while [ $i -lt 50 ]; do set --; for f in $(grep -lsxzF " + RUN_VARIABLE + "="
                + runId + " /proc/[0-9]*/environ); do f=${f#/proc/}; set -- \"$@\" \"${f%/environ}\"; done;"
                + " [ $# -eq 0 ] && return 0; kill -9 \"$@\" 2>/dev/null; i=$((i+1)); done; };");
        List<String> commandTokens = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.length() <= PIECE_CHARS) {
                commandTokens.add(remoteWord(word));
                continue;
            }
            // A long word is built up in a variable, a piece per statement, so that no word of the ssh client's
            // own argv exceeds Command.MAX_ARGUMENT_BYTES; ssh joins its words with blanks into the one line.
            String variable = "drbd4j_w" + i;
            String assign = variable + "=";
            for (int from = 0; from < word.length(); ) {
                int to = Math.min(word.length(), from + PIECE_CHARS);
                if (to < word.length() && Character.isHighSurrogate(word.charAt(to - 1))) {
                    to--;
                }
                tokens.add(assign + remoteWord(word.substring(from, to)) + ";");
                assign = variable + "=\"$" + variable + "\"";
                from = to;
            }
            commandTokens.add("\"$" + variable + "\"");
        }
        // Not exec: when timeout -k has to KILL, it kills its own process group, itself included, and only a shell
        // above it turns that into exit 137 (with nothing above it sshd reports a signal, and ssh exits 255).
        if (stream) {
            // An asynchronous list's standard input is /dev/null in a non-interactive shell, so the session's own
            // goes to descriptor 3 first, for the reader that waits for its end.
            tokens.add("exec 3<&0;");
            commandTokens.set(
                    commandTokens.size() - 1, commandTokens.get(commandTokens.size() - 1) + " </dev/null & p=$!;");
            tokens.addAll(commandTokens);
            tokens.add("{ cat <&3 >/dev/null 2>&1; drbd4j_reap; } >/dev/null 2>&1 & exec 3<&-; wait $p;");
        } else {
            commandTokens.set(commandTokens.size() - 1, commandTokens.get(commandTokens.size() - 1) + ";");
            tokens.addAll(commandTokens);
        }
        // timeout exits 124 when it sent TERM and 137 (through the shell) when it had to KILL.
        // Only after a timeout: a scan of every process's environment costs about 0.1 s a command on a slow host,
        // and a command that ended on its own left only what it started on purpose.
        tokens.add("s=$?; if [ $s -eq 124 ] || [ $s -eq 137 ]; then drbd4j_reap; fi; exit $s");
        String line = String.join(" ", tokens);
        if (line.length() > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("remote shell line of " + line.length() + " bytes for " + command
                    + " (expected: at most " + MAX_LINE_BYTES + ", Linux's limit on one argument; fewer or"
                    + " shorter arguments, or the input on standard input)");
        }
        return new RemoteLine(runId, line, tokens);
    }

    /** A relative directory as {@code ./dir}: cd reads neither {@code -} nor {@code -P} as an option then. */
    private static String directoryOperand(Path dir) {
        String s = dir.toString();
        return s.startsWith("/") ? s : "./" + s;
    }

    /**
     * Returns the line, ASCII only.
     *
     * @return the line, ASCII only
     */
    String line() {
        return line;
    }

    /**
     * Returns the run's id.
     *
     * @return the run's id
     */
    String runId() {
        return runId;
    }

    /**
     * Returns where the command's own stderr starts: just after the start marker's line; -1 when the line never
     * printed it (ssh did not get the command to run).
     *
     * @param stderr what the ssh client's stderr carried
     * @return where the command's own stderr starts, or -1
     */
    int commandStderrStart(byte[] stderr) {
        byte[] start = ("drbd4j:" + runId + "\n").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(stderr, start, 0);
        return at < 0 ? -1 : at + start.length;
    }

    /**
     * Returns whether the line reported that it could not change to the working directory.
     *
     * @param stderr what the ssh client's stderr carried
     * @return whether the line reported that it could not change to the working directory
     */
    boolean noDirectory(byte[] stderr) {
        return indexOf(stderr, ("drbd4j:" + runId + ":no-directory\n").getBytes(StandardCharsets.US_ASCII), 0) >= 0;
    }

    /**
     * Returns the part of stderr from {@code from} on.
     *
     * @param stderr what the ssh client's stderr carried
     * @param from where the command's part starts
     * @return the part of stderr from {@code from} on
     */
    static byte[] tail(byte[] stderr, int from) {
        return Arrays.copyOfRange(stderr, from, stderr.length);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * One word for the remote POSIX shell in ASCII only, at most 4 bytes per byte of its UTF-8 plus 15. ASCII text is
     * single-quoted as {@link Shell#quote} does ({@code '} as the 4 bytes {@code '\''}). Text with other characters
     * goes as {@code "$(printf 'F')"}, where F spells each byte outside ASCII and each {@code '} as {@code \ooo}
     * (4 bytes), {@code \} and {@code %} doubled, the rest as it is; trailing newlines, which command substitution
     * would strip, follow single-quoted. The local JVM's locale plays no part: it would encode non-ASCII argv in it,
     * and under the C locale send {@code ?}.
     */
    static String remoteWord(String word) {
        boolean ascii = word.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return Shell.quote(word);
        }
        int end = word.length();
        while (end > 0 && word.charAt(end - 1) == '\n') {
            end--;
        }
        StringBuilder b = new StringBuilder("\"$(printf '");
        for (byte x : word.substring(0, end).getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x80 || c == '\'') {
                String octal = Integer.toOctalString(c);
                b.append('\\').append("000", octal.length(), 3).append(octal);
            } else if (c == '\\' || c == '%') {
                b.append((char) c).append((char) c);
            } else {
                b.append((char) c);
            }
        }
        b.append("')\"");
        if (end < word.length()) {
            b.append('\'').append(word, end, word.length()).append('\'');
        }
        return b.toString();
    }
}
