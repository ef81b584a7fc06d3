package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.PlannedStep;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ctrl-C as the running workflow sees it: a stop at the next step or between two commands, and no more questions. */
class OperatorListenerTest {
    private final StringWriter shown = new StringWriter();
    private final CtrlC ctrlC = CtrlC.manual();
    private final OperatorListener listener = new OperatorListener(
            new DemoProgress(new PrintWriter(shown), false, Clock.systemUTC()),
            new DestroyConfirmation(
                    "pc0", Set.of(), new BufferedReader(new StringReader("pc0@be1\n")), new PrintWriter(shown)),
            ctrlC);

    private static PlannedStep mkfs() {
        return PlannedStep.builder()
                .id("mkfs")
                .host("be1")
                .guard("be1 Primary")
                .destroysData(true)
                .advice("none")
                .build();
    }

    @Test
    void goesOnUntilCtrlCIsPressed() {
        assertThat(listener.stopRequested(mkfs())).isEmpty();
        assertThat(listener.beforeStep(mkfs())).isEmpty();
        assertThat(shown.toString()).contains("To run it, type pc0@be1: ");
    }

    @Test
    void ctrlCStopsBetweenCommandsAndBeforeTheNextStepWithoutAskingForAConfirmation() {
        ctrlC.press();

        assertThat(listener.stopRequested(mkfs())).contains("SIGINT (Ctrl-C)");
        assertThat(listener.beforeStep(mkfs())).contains("SIGINT (Ctrl-C)");
        assertThat(shown.toString()).doesNotContain("To run it");
    }
}
