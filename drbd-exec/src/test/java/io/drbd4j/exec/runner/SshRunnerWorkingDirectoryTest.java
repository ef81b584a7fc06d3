package io.drbd4j.exec.runner;

import static io.drbd4j.exec.runner.SshFixture.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A working directory whose name {@code cd} would read as an option ({@code -P}, {@code -L}, {@code --}, {@code -e},
 * {@code -}) is a directory for {@link SshRunner} as for {@link CommonsExecRunner}: one that exists is where the
 * command runs, one that does not is a {@link CommandStartException} and the command does not run. Relative names
 * resolve against the remote user's home directory (this JVM's user's, since the sshd runs here).
 */
class SshRunnerWorkingDirectoryTest {
    @RegisterExtension
    static final SshFixture SSHD = new SshFixture();

    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @ParameterizedTest
    @ValueSource(strings = {"-P", "-L", "--", "-e", "-"})
    void aMissingDirectoryNamedLikeAnOptionIsAStartExceptionForBothRunners(String name) {
        Path dir = Path.of(name);
        assertThat(HOME.resolve(name)).doesNotExist();
        assertThat(dir).doesNotExist();
        Command pwd = Command.builder()
                .addArgv("pwd")
                .timeout(SHORT)
                .workingDirectory(dir)
                .build();

        CommandStartException remote =
                catchThrowableOfType(CommandStartException.class, () -> SshFixture.run(SSHD.runner(), pwd));
        CommandStartException local = catchThrowableOfType(
                CommandStartException.class, () -> CommonsExecRunner.create().run(pwd));

        assertThat(remote).as("over ssh").isNotNull();
        assertThat(remote.command()).isEqualTo(pwd);
        assertThat(remote.getMessage()).contains("working directory " + name).contains("on ");
        assertThat(local).as("on this host").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-P", "-L", "--", "-e", "-"})
    void anExistingDirectoryNamedLikeAnOptionIsWhereTheCommandRuns(String name) throws IOException {
        Path created = Files.createDirectory(HOME.resolve(name));
        try {
            Command pwd = Command.builder()
                    .addArgv("pwd")
                    .timeout(SHORT)
                    .workingDirectory(Path.of(name))
                    .build();

            CommandResult result = SshFixture.run(SSHD.runner(), pwd);

            assertThat(result.exitCode()).as(result.stderrText()).isZero();
            assertThat(result.stdoutText()).isEqualTo(created.toRealPath() + "\n");
        } finally {
            Files.delete(created);
        }
    }
}
