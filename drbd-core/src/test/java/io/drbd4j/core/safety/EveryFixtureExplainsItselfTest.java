package io.drbd4j.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.proc.ProcDrbdParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every device of every fixture, alone and paired with itself: each answer is one sentence, and the answers
 * agree with each other (the holder of the only good copy is the node that must not be lost).
 */
class EveryFixtureExplainsItselfTest {
    static Stream<Path> fixtures() {
        return Statuses.fixtureFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyAnswerIsOneSentenceAndTheAnswersAgree(Path file) throws IOException {
        List<DeviceStatus> devices =
                ProcDrbdParser.lenient().parse(Files.readAllBytes(file)).devices();
        List<SafetyReport> reports = new ArrayList<>();
        for (DeviceStatus d : devices) {
            reports.add(DataSafety.of(d));
            reports.add(DataSafety.of(d, d));
        }
        SoftAssertions softly = new SoftAssertions();
        for (SafetyReport r : reports) {
            String where = file.getFileName() + " minor " + r.minor() + (r.bothNodesSeen() ? " (pair)" : "");
            for (String reason : List.of(
                    r.canLosePeer().reason(),
                    r.canLoseThisNode().reason(),
                    r.upToDateHolder().reason(),
                    r.splitBrain().reason())) {
                softly.assertThat(reason).as(where).matches("[A-Z][^\\n]*\\.").doesNotContain("null", "..", "  ");
            }
            softly.assertThat(r.summary())
                    .as(where)
                    .isNotBlank()
                    .hasSizeLessThan(110)
                    .doesNotContain("null");
            r.resync()
                    .ifPresent(x -> softly.assertThat(x.description()).as(where).endsWith("."));
            agree(softly, where, r);
        }
        softly.assertAll();
        assertThat(reports).hasSize(2 * devices.size());
    }

    private static void agree(SoftAssertions softly, String where, SafetyReport r) {
        switch (r.upToDateHolder().holder()) {
            case BOTH:
                softly.assertThat(r.canLosePeer().verdict()).as(where).isEqualTo(Verdict.YES);
                softly.assertThat(r.canLoseThisNode().verdict()).as(where).isEqualTo(Verdict.YES);
                break;
            case THIS_NODE:
                softly.assertThat(r.canLosePeer().verdict()).as(where).isEqualTo(Verdict.YES);
                softly.assertThat(r.canLoseThisNode().verdict()).as(where).isEqualTo(Verdict.NO);
                break;
            case PEER:
                softly.assertThat(r.canLosePeer().verdict()).as(where).isEqualTo(Verdict.NO);
                softly.assertThat(r.canLoseThisNode().verdict()).as(where).isEqualTo(Verdict.YES);
                break;
            case NEITHER:
                if (r.canLosePeer().isYes() && r.canLoseThisNode().isYes()) {
                    softly.assertThat(r.upToDateHolder().reason())
                            .as(where + ": both can be lost without a good copy only when neither holds data")
                            .containsAnyOf("Unconfigured", "Diskless");
                }
                break;
            default:
                softly.assertThat(r.canLosePeer().isYes() && r.canLoseThisNode().isYes())
                        .as(where + ": both nodes can be lost only when both hold every acknowledged write")
                        .isFalse();
        }
        if (r.splitBrain().verdict() == Verdict.YES) {
            softly.assertThat(r.summary()).as(where).isEqualTo("split brain");
        }
    }
}
