package io.drbd4j.exec.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    private static final String SECRET = "S3cr3t-unit-7f3a";

    private final Redactor redactor = new Redactor();

    @Test
    void hidesTheSharedSecretInTheDrbdsetupLineDrbdadmPrintsAfterAFailedConnect() {
        String stderr = "pc0: Failure: (102) Local address(port) already in use.\n"
                + "Command 'drbdsetup-84 connect pc0 ipv4:10.0.0.1:7788 ipv4:10.0.0.2:7788"
                + " --after-sb-0pri=discard-younger-primary --rcvbuf-size=0 --sndbuf-size=0 --shared-secret=" + SECRET
                + " --cram-hmac-alg=sha1 --protocol=C' terminated with exit code 10\n";

        assertThat(redactor.redact(stderr))
                .doesNotContain(SECRET)
                .contains("--sndbuf-size=0 --shared-secret=<redacted> --cram-hmac-alg=sha1 --protocol=C'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--shared-secret=s3cr3t-a --protocol=C|--shared-secret=<redacted> --protocol=C",
                "--shared-secret=\"s3 cr3t\" --protocol=C|--shared-secret=\"<redacted>\" --protocol=C",
                "--shared-secret='s3 cr3t' -x|--shared-secret='<redacted>' -x",
                "--shared-secret s3cr3t-b --protocol=C|--shared-secret <redacted> --protocol=C",
                "    shared-secret \"s3cr3t c\";|    shared-secret \"<redacted>\";",
                "    shared-secret s3cr3t-d;|    shared-secret <redacted>;",
                "shared-secret\t\"with \\\"quote\\\"\";|shared-secret\t\"<redacted>\";",
                "{\"drbd\":{\"shared_secret\":\"s3cr3t-e\"}}|{\"drbd\":{\"shared_secret\":\"<redacted>\"}}",
                "\"vrrp_instance_password\" : \"p4ss\\\"w\"|\"vrrp_instance_password\" : \"<redacted>\"",
                "--shared-secret=|--shared-secret=",
            })
    void hidesTheValueOfEachSecretPatternAndKeepsItsKey(String text, String redacted) {
        assertThat(redactor.redact(text)).isEqualTo(redacted);
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        String text = "drbdsetup-84 connect pc0 --protocol=C\nshared-secrets are configured in pc0.res\n";

        assertThat(redactor.redact(text)).isSameAs(text);
    }

    @Test
    void hidesARegisteredSecretWhereverItOccursLongestFirst() {
        redactor.register("abcd").register("abcdef").register("  ");

        assertThat(redactor.redact("x abcdef y abcd z")).isEqualTo("x <redacted> y <redacted> z");
        assertThat(redactor.knows("abcd")).isTrue();
        assertThat(redactor.knows("  ")).isFalse();
    }

    @Test
    void hidesTheStartOfASecretOnlyAtTheEndOfTextThatWasCutOff() {
        redactor.register(SECRET);
        String cut = "tee echoed: {\"x\": \"" + SECRET.substring(0, 6);

        assertThat(redactor.redactTruncated(cut)).isEqualTo("tee echoed: {\"x\": \"<redacted>");
        assertThat(redactor.redact(cut)).isEqualTo(cut);
        assertThat(redactor.redactTruncated("ends with S3")).isEqualTo("ends with S3");
        assertThat(redactor.redactTruncated("--shared-secret=\"S3cr")).isEqualTo("--shared-secret=\"<redacted>");
    }

    @Test
    void keepsBytesThatAreNotUtf8WhenNothingIsHidden() {
        byte[] proc = {'c', 's', ':', 0, (byte) 0xff, '\n'};

        assertThat(redactor.redact(proc, false)).isSameAs(proc);
    }

    @Test
    void redactsAResultsOutputAndItsCommandsArgvAndStdin() {
        redactor.register(SECRET);
        Command tee = Command.builder()
                .timeout(Duration.ofSeconds(5))
                .addArgv("tee", "/etc/opscode/private-chef-secrets.json")
                .stdin(("{\"drbd\":{\"shared_secret\":\"" + SECRET + "\"}}\n").getBytes(StandardCharsets.UTF_8))
                .build();
        CommandResult result = CommandResult.builder()
                .from(CommandResult.of(tee, 1, "echo " + SECRET, "err " + SECRET.substring(0, 5)))
                .stderrTruncated(true)
                .build();

        CommandResult redacted = redactor.redact(result);

        assertThat(redacted.stdoutText()).isEqualTo("echo <redacted>");
        assertThat(redacted.stderrText()).isEqualTo("err <redacted>");
        assertThat(new String(redacted.command().stdin().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"drbd\":{\"shared_secret\":\"<redacted>\"}}\n");
        assertThat(redacted.command().argv()).isEqualTo(tee.argv());
        assertThat(redacted.exitCode()).isEqualTo(1);
        CommandResult clean = CommandResult.of(Command.of(Duration.ofSeconds(5), "true"), 0, "ok", "");
        assertThat(redactor.redact(clean)).isSameAs(clean);
    }

    @Test
    void redactsArgvHoldingASecret() {
        Command net = Command.of(Duration.ofSeconds(5), "drbdsetup", "net", "--shared-secret=" + SECRET);

        assertThat(redactor.redact(net).argv()).containsExactly("drbdsetup", "net", "--shared-secret=<redacted>");
        assertThat(redactor.redact(net).toString()).doesNotContain(SECRET);
    }
}
