package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable distribution that {@code ./mvnw package} built (failsafe runs this after the package phase):
 * the tar.gz unpacked into an empty prefix and the .deb extracted into an empty root, each run from there: {@code
 * --version}, {@code --help}, the man page, bash completion, and the launcher's search for Java 17+.
 *
 * <p>Tools: {@code tar} and {@code bash}; {@code man}, {@code zsh} and {@code dpkg-deb} where the machine has them.
 * Without them the man page's sections are checked in its source, and the zsh completion and the .deb are skipped,
 * with the reason printed; under {@code CI=true} a missing {@code man}, {@code zsh} or {@code dpkg-deb} (or a missing
 * .deb) is a failure.
 */
class DistributionIT {
    private static final Path TARGET = Path.of(System.getProperty("drbd4j.dist.dir", "target"));
    private static final String VERSION = System.getProperty("drbd4j.version", "0.1.0-SNAPSHOT");
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final String SUBCOMMANDS = "status exporter commands plan demo run resume ha-status check";

    @TempDir
    Path temp;

    /** What a process printed and how it exited. */
    private record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> environment, Path dir, String... argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        builder.environment().putAll(environment);
        builder.environment().remove("NO_COLOR");
        try {
            Path out = Files.createTempFile("drbd4j-it", ".out");
            Path err = Files.createTempFile("drbd4j-it", ".err");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(Arrays.toString(argv) + " still running after 120 s");
            }
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + Arrays.toString(argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + Arrays.toString(argv), e);
        }
    }

    private static Run run(Path dir, String... argv) {
        return run(Map.of("JAVA_HOME", System.getProperty("java.home")), dir, argv);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /** @return the distribution unpacked into an empty folder under {@link #temp}: its drbd4j-VERSION folder */
    private Path unpacked() throws IOException {
        Path tarball = TARGET.resolve("drbd4j-" + VERSION + ".tar.gz");
        assertThat(tarball).as("built by ./mvnw package").isRegularFile();
        Path prefix = Files.createDirectory(temp.resolve("prefix"));
        Run tar = run(prefix, "tar", "-xzf", tarball.toAbsolutePath().toString());
        assertThat(tar.exitCode()).as(tar.err()).isZero();
        return prefix.resolve("drbd4j-" + VERSION);
    }

    @Test
    void tarballHoldsTheLauncherTheJarTheManPageAndTheCompletion() throws IOException {
        Path home = unpacked();

        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> home.relativize(p).toString()))
                    .containsExactlyInAnyOrder(
                            "bin/drbd4j", "lib/drbd4j.jar", "man/man1/drbd4j.1", "completion/drbd4j.bash", "LICENSE");
        }
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/drbd4j")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void unpackedLauncherPrintsVersionAndHelp() throws IOException {
        Path home = unpacked();

        Run version = run(temp, home.resolve("bin/drbd4j").toString(), "--version");
        Run help = run(temp, home.resolve("bin/drbd4j").toString(), "--help");
        Run status = run(temp, home.resolve("bin/drbd4j").toString(), "status", "--help");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("drbd4j " + VERSION + "\n");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: drbd4j [-hqvV] [COMMAND]");
        assertThat(help.out()).contains("  status ", "  check ", "  ha-status ");
        assertThat(status.out()).contains("--wide", "--ssh=[USER@]HOST");
    }

    @Test
    void launcherFollowsASymlinkToFindItsJar() throws IOException {
        Path home = unpacked();
        Path bin = Files.createDirectory(temp.resolve("usr-bin"));
        Files.createSymbolicLink(bin.resolve("drbd4j"), home.resolve("bin/drbd4j"));

        Run version = run(temp, bin.resolve("drbd4j").toString(), "--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("drbd4j " + VERSION + "\n");
    }

    @Test
    void launcherTakesJavaFromPathWithoutJavaHome() throws IOException {
        Path home = unpacked();
        Path bin = Files.createDirectory(temp.resolve("jdk-bin"));
        forward(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin + ":/usr/bin:/bin");

        Run version =
                runWithout("JAVA_HOME", environment, home.resolve("bin/drbd4j").toString(), "--version");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("drbd4j " + VERSION + "\n");
    }

    @Test
    void launcherRefusesAJavaOlderThan17AndSaysWhy() throws IOException {
        Path home = unpacked();
        Path oldJdk = Files.createDirectories(temp.resolve("jdk11/bin"));
        Path java = oldJdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\nexit 0\n");
        java.toFile().setExecutable(true);

        Run run = run(
                Map.of("JAVA_HOME", oldJdk.getParent().toString()),
                temp,
                home.resolve("bin/drbd4j").toString(),
                "--version");

        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("drbd4j: " + java + " is Java 11.0.22, drbd4j needs Java 17 or later (set JAVA_HOME to a"
                        + " newer installation)\n");
    }

    @Test
    void launcherSaysSoWhenNoJavaIsFound() throws IOException {
        Path home = unpacked();
        Path empty = Files.createDirectory(temp.resolve("empty-bin"));
        Map<String, String> environment = new HashMap<>();
        // sh needs sed, ls, dirname and cut: a PATH with them and without java.
        Path tools = Files.createDirectory(temp.resolve("tools"));
        for (String tool : List.of("sed", "ls", "dirname", "cut", "head")) {
            forward(tools.resolve(tool), which(tool));
        }
        environment.put("PATH", empty + ":" + tools);

        Run run = runWithout(
                "JAVA_HOME", environment, "/bin/sh", home.resolve("bin/drbd4j").toString(), "--version");

        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.err()).startsWith("drbd4j: no Java found: JAVA_HOME is not set and no java is on PATH");
    }

    @Test
    void launcherRefusesAJavaHomeWithoutJava() throws IOException {
        Path home = unpacked();

        Run run = run(
                Map.of("JAVA_HOME", temp.toString()),
                temp,
                home.resolve("bin/drbd4j").toString(),
                "--version");

        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.err()).startsWith("drbd4j: JAVA_HOME is " + temp + ", but " + temp + "/bin/java is not an");
    }

    @Test
    void manPageRendersWithItsSections() throws IOException {
        Path page = unpacked().resolve("man/man1/drbd4j.1");
        String source = Files.readString(page, StandardCharsets.UTF_8);

        assertThat(source.lines().filter(l -> l.startsWith(".SH ")))
                .containsExactly(
                        ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS", ".SH SEE ALSO");
        for (String command : SUBCOMMANDS.split(" ")) {
            assertThat(source).contains(".SS \"drbd4j " + command.replace("-", "\\-") + "\"");
        }
        assertThat(source).startsWith(".TH DRBD4J 1 \"\" \"drbd4j " + VERSION.replace("-", "\\-") + "\"");
        if (!onPath("man")) {
            assertThat(CI)
                    .as("CI=true: man (man-db) must be installed to render the page")
                    .isFalse();
            System.out.println("DistributionIT: man not found, the page's sections were checked in its source only");
            return;
        }
        Run man = run(Map.of("MANWIDTH", "100", "LC_ALL", "C.UTF-8"), temp, "man", "-P", "cat", "-l", page.toString());

        assertThat(man.exitCode()).as(man.err()).isZero();
        assertThat(man.out())
                .contains("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "Exit codes:", "drbd4j status [-hqvV]")
                .contains("--fail-unless-safe", "--wide");
    }

    @Test
    void bashCompletionCompletesSubcommandsAndOptions() throws IOException {
        Path script = unpacked().resolve("completion/drbd4j.bash");
        String source = "source '" + script + "'\n";

        Run registered = run(temp, "bash", "-c", source + "complete -p drbd4j");
        Run subcommands = run(
                temp,
                "bash",
                "-c",
                source + "COMP_WORDS=(drbd4j ''); COMP_CWORD=1; COMP_LINE='drbd4j '; COMP_POINT=${#COMP_LINE};"
                        + " _complete_drbd4j 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        Run options = run(
                temp,
                "bash",
                "-c",
                source + "COMP_WORDS=(drbd4j status --w); COMP_CWORD=2; COMP_LINE='drbd4j status --w';"
                        + " COMP_POINT=${#COMP_LINE}; _complete_drbd4j 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");

        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(registered.out()).isEqualTo("complete -o default -F _complete_drbd4j drbd4j\n");
        assertThat(subcommands.out().lines()).containsExactlyInAnyOrder(SUBCOMMANDS.split(" "));
        assertThat(options.out().lines()).containsExactlyInAnyOrder("--watch", "--wide");
    }

    @Test
    void zshLoadsTheSameCompletionScript() throws IOException {
        if (!onPath("zsh")) {
            assertThat(CI)
                    .as("CI=true: zsh must be installed to test its completion")
                    .isFalse();
            System.out.println("DistributionIT: zsh not found, its completion is not tested");
            assumeThat(onPath("zsh")).isTrue();
        }
        Path script = unpacked().resolve("completion/drbd4j.bash");

        // The script loads compinit and bashcompinit itself when it runs in zsh.
        Run run = run(
                Map.of("HOME", temp.toString()),
                temp,
                "zsh",
                "-f",
                "-c",
                "source '" + script + "'; print -r -- ${_comps[drbd4j]}; COMP_WORDS=(drbd4j ''); COMP_CWORD=1;"
                        + " COMP_LINE='drbd4j '; COMP_POINT=${#COMP_LINE}; _complete_drbd4j 2>/dev/null;"
                        + " print -l -- \"${COMPREPLY[@]}\"");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("_bash_complete -F _complete_drbd4j -o default");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(SUBCOMMANDS.split(" "));
    }

    @Test
    void debInstallsIntoAnEmptyRootAndRunsFromThere() throws IOException {
        String deb = "drbd4j_" + VERSION.replace('-', '~') + "_all.deb";
        if (!onPath("dpkg-deb")) {
            assertThat(CI)
                    .as("CI=true: dpkg-deb must be there to build and test the .deb")
                    .isFalse();
            System.out.println("DistributionIT: dpkg-deb not found, the .deb was not built and is not tested");
            assumeThat(onPath("dpkg-deb")).isTrue();
        }
        Path package_ = TARGET.resolve(deb);
        assertThat(package_).as("built by ./mvnw package where dpkg-deb is").isRegularFile();
        Path root = Files.createDirectory(temp.resolve("root"));

        Run info = run(temp, "dpkg-deb", "--field", package_.toAbsolutePath().toString(), "Package", "Version");
        Run extract = run(temp, "dpkg-deb", "-x", package_.toAbsolutePath().toString(), root.toString());
        Run version = run(temp, root.resolve("usr/bin/drbd4j").toString(), "--version");

        assertThat(info.out()).isEqualTo("Package: drbd4j\nVersion: " + VERSION.replace('-', '~') + "\n");
        assertThat(extract.exitCode()).as(extract.err()).isZero();
        assertThat(Files.isSymbolicLink(root.resolve("usr/bin/drbd4j"))).isTrue();
        assertThat(root.resolve("usr/share/drbd4j/lib/drbd4j.jar")).isRegularFile();
        assertThat(root.resolve("usr/share/man/man1/drbd4j.1.gz")).isRegularFile();
        assertThat(root.resolve("usr/share/bash-completion/completions/drbd4j")).isRegularFile();
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).isEqualTo("drbd4j " + VERSION + "\n");
    }

    private Run runWithout(String variable, Map<String, String> environment, String... argv) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-u", variable));
        command.addAll(List.of(argv));
        return run(environment, temp, command.toArray(String[]::new));
    }

    /** A script that runs another program: unlike a symbolic link, @TempDir deletes it without a warning. */
    private static void forward(Path script, Path program) throws IOException {
        Files.writeString(script, "#!/bin/sh\nexec '" + program + "' \"$@\"\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        throw new AssertionError(tool + " not found in /usr/bin or /bin");
    }
}
