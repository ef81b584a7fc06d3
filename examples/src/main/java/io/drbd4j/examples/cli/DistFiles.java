package io.drbd4j.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the files of the installable distribution that come from the picocli model, at build time (the examples
 * pom runs it with exec-maven-plugin before packaging): {@code man/man1/drbd4j.1} ({@link ManPage}) and {@code
 * completion/drbd4j.bash}, picocli's {@link AutoComplete} script, which bash sources as it is and zsh after {@code
 * bashcompinit} (the script loads it itself when it runs in zsh).
 */
public final class DistFiles {
    private DistFiles() {}

    /**
     * Writes the man page and the completion script into a folder.
     *
     * @param args the folder to write into, and the version the man page names
     * @throws IOException when a file cannot be written
     */
    public static void main(String... args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("arguments: OUTPUT_DIR VERSION (seen: " + args.length + " arguments)");
        }
        Path dir = Path.of(args[0]);
        write(dir.resolve("man/man1/drbd4j.1"), ManPage.render(cli(), "drbd4j " + args[1]));
        write(dir.resolve("completion/drbd4j.bash"), AutoComplete.bash("drbd4j", cli()));
    }

    private static CommandLine cli() {
        return new CommandLine(new Drbd4jCommand());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
