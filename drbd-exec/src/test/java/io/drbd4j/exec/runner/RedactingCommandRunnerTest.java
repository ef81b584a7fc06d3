package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactingCommandRunnerTest {
    private static final String SECRET = "S3cr3t-runner-91bd";
    private static final Command CONNECT = Command.of(Duration.ofSeconds(5), "drbdadm", "connect", "pc0");

    private final Redactor redactor = new Redactor().register(SECRET);

    private RedactingCommandRunner throwing(RuntimeException e) {
        return new RedactingCommandRunner(
                command -> {
                    throw e;
                },
                redactor);
    }

    @Test
    void hidesSecretsInTheResultsOutput() {
        CommandRunner leaky = command -> CommandResult.of(
                command, 10, "", "Command 'drbdsetup-84 connect pc0 --shared-secret=other-secret' exited " + SECRET);
        RedactingCommandRunner runner = new RedactingCommandRunner(leaky, redactor);

        CommandResult result = runner.run(CONNECT);

        assertThat(result.stderrText())
                .isEqualTo("Command 'drbdsetup-84 connect pc0 --shared-secret=<redacted>' exited <redacted>");
        assertThat(result.exitCode()).isEqualTo(10);
        assertThat(runner.delegate()).isSameAs(leaky);
        assertThat(runner.redactor()).isSameAs(redactor);
    }

    @Test
    void secretsRegisteredLaterApplyToTheNextCommand() {
        RedactingCommandRunner runner =
                new RedactingCommandRunner(command -> CommandResult.of(command, 0, "late-secret", ""), redactor);
        assertThat(runner.run(CONNECT).stdoutText()).isEqualTo("late-secret");

        redactor.register("late-secret");

        assertThat(runner.run(CONNECT).stdoutText()).isEqualTo("<redacted>");
    }

    @Test
    void aTimeoutKeepsItsTypeWithItsCapturedOutputRedacted() {
        CommandTimeoutException thrown = new CommandTimeoutException(
                CONNECT, " on root@be1", ("partial " + SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]);

        Throwable e = catchThrowable(() -> throwing(thrown).run(CONNECT));

        assertThat(e).isInstanceOf(CommandTimeoutException.class).hasMessage(thrown.getMessage());
        assertThat(((CommandTimeoutException) e).stdoutText()).isEqualTo("partial <redacted>");
        assertThat(e.getStackTrace()).isEqualTo(thrown.getStackTrace());
    }

    @Test
    void anSshFailureKeepsItsTypeWithItsMessageAndStderrRedacted() {
        SshConnectionException thrown = new SshConnectionException(CONNECT, "root@be1:22", "ssh: banner " + SECRET);

        Throwable e = catchThrowable(() -> throwing(thrown).run(CONNECT));

        assertThat(e).isInstanceOf(SshConnectionException.class).hasMessageNotContaining(SECRET);
        assertThat(e.getMessage()).contains("cannot reach root@be1:22 over ssh: ssh: banner <redacted>");
        assertThat(((SshConnectionException) e).stderr()).isEqualTo("ssh: banner <redacted>");
    }

    @Test
    void anInterruptKeepsItsTypeWithTheCommandRedacted() {
        Command withSecret = Command.of(Duration.ofSeconds(5), "drbdsetup", "net", "--shared-secret=" + SECRET);
        CommandInterruptedException thrown = new CommandInterruptedException(withSecret, "");

        Throwable e = catchThrowable(() -> throwing(thrown).run(withSecret));

        assertThat(e)
                .isInstanceOf(CommandInterruptedException.class)
                .hasMessageStartingWith("interrupted while running, killed: ")
                .hasMessageNotContaining(SECRET);
        assertThat(((CommandInterruptedException) e).command().argv()).doesNotContain("--shared-secret=" + SECRET);
    }

    @Test
    void aStartFailureDropsACauseThatHoldsASecret() {
        CommandStartException thrown = new CommandStartException(CONNECT, new IOException("no such file " + SECRET));

        Throwable e = catchThrowable(() -> throwing(thrown).run(CONNECT));

        assertThat(e)
                .isInstanceOf(CommandStartException.class)
                .hasMessageNotContaining(SECRET)
                .hasNoCause();
        assertThat(e.getMessage()).endsWith("no such file <redacted>");
    }

    @Test
    void anyOtherExceptionHoldingASecretBecomesACommandExceptionNamingItsType() {
        IllegalStateException thrown = new IllegalStateException("broken " + SECRET);

        Throwable e = catchThrowable(() -> throwing(thrown).run(CONNECT));

        assertThat(e)
                .isExactlyInstanceOf(CommandException.class)
                .hasMessage("java.lang.IllegalStateException: broken <redacted>")
                .hasNoCause();
        assertThat(((CommandException) e).command()).isEqualTo(CONNECT);
    }

    @Test
    void anExceptionWithoutSecretsIsRethrownAsItIs() {
        IllegalStateException thrown = new IllegalStateException("broken", new IOException("pipe"));

        assertThat(catchThrowable(() -> throwing(thrown).run(CONNECT))).isSameAs(thrown);
    }
}
