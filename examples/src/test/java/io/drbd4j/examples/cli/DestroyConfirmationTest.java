package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.PlannedStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed confirmation before a step that can destroy data: only the exact RESOURCE@HOST lets it run. */
class DestroyConfirmationTest {
    private final StringWriter shown = new StringWriter();

    private static PlannedStep step(String id, String host, boolean destroys) {
        return PlannedStep.builder()
                .id(id)
                .host(host)
                .guard("be2 Secondary; /dev/drbd0 holds no filesystem")
                .destroysData(destroys)
                .advice("none")
                .build();
    }

    private DestroyConfirmation confirmation(String typed, String... given) {
        return confirmation(new StringReader(typed), given);
    }

    private DestroyConfirmation confirmation(Reader typed, String... given) {
        return new DestroyConfirmation("pc0", Set.of(given), new BufferedReader(typed), new PrintWriter(shown));
    }

    @Test
    void runsTheStepWhenTheResourceAndHostAreTypedExactly() {
        assertThat(confirmation("pc0@be2\n").refusal(step("mkfs", "be2", true))).isEmpty();

        assertThat(shown.toString())
                .isEqualTo("mkfs on be2 can destroy data if run in the wrong state.\n"
                        + "  guard (checked just now): be2 Secondary; /dev/drbd0 holds no filesystem\n"
                        + "To run it, type pc0@be2: ");
    }

    @Test
    void refusesAnotherHostOrSpacesOrCase() {
        for (String typed : new String[] {"pc0@be1", " pc0@be2", "pc0@be2 ", "PC0@be2", "yes", ""}) {
            StringWriter before = new StringWriter();
            DestroyConfirmation c = new DestroyConfirmation(
                    "pc0", Set.of(), new BufferedReader(new StringReader(typed + "\n")), new PrintWriter(before));

            assertThat(c.refusal(step("mkfs", "be2", true)))
                    .as("typed '%s'", typed)
                    .contains("the operator typed '" + typed + "' (expected: pc0@be2)");
            assertThat(before.toString()).endsWith("not confirmed: '" + typed + "' is not pc0@be2\n");
        }
    }

    @Test
    void refusesAtTheEndOfInput() {
        assertThat(confirmation("").refusal(step("force-primary", "be1", true)))
                .contains("no confirmation for pc0@be1 (end of input)");
    }

    @Test
    void refusesWhenStandardInputCannotBeRead() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("Input/output error");
            }

            @Override
            public void close() {}
        };

        assertThat(confirmation(broken).refusal(step("mkfs", "be1", true)))
                .contains("no confirmation for pc0@be1 (standard input: Input/output error)");
    }

    @Test
    void aMatchingConfirmDestroyRunsTheStepWithoutReadingInput() {
        DestroyConfirmation c = confirmation("left unread\n", "pc0@be1", "pc0@be2");

        assertThat(c.refusal(step("mkfs", "be1", true))).isEmpty();
        assertThat(shown.toString())
                .isEqualTo("confirmed by --confirm-destroy pc0@be1: mkfs on be1 can destroy data\n");
    }

    @Test
    void aConfirmDestroyForAnotherHostOrResourceStillAsks() {
        DestroyConfirmation c = confirmation("", "pc0@be2", "r1@be1");

        assertThat(c.refusal(step("mkfs", "be1", true))).contains("no confirmation for pc0@be1 (end of input)");
        assertThat(shown.toString()).contains("To run it, type pc0@be1: ");
    }

    @Test
    void aStepThatDestroysNothingRunsWithoutAQuestion() {
        assertThat(confirmation("").refusal(step("mount", "be1", false))).isEmpty();
        assertThat(shown.toString()).isEmpty();
    }

    @Test
    void aTypedControlCharacterIsShownEscaped() {
        assertThat(confirmation("pc0@be1\u001b[2J\n").refusal(step("mkfs", "be1", true)))
                .hasValueSatisfying(why -> assertThat(why).doesNotContain("\u001b"));
    }

    @Test
    void aConfirmDestroyValueMustBeResourceAtHost() {
        assertThat(DestroyConfirmation.malformed("pc0@be2")).isEmpty();
        for (String bad : new String[] {"pc0", "be2", "@be2", "pc0@", "pc0@be2@x", "pc0 @be2"}) {
            assertThat(DestroyConfirmation.malformed(bad))
                    .as(bad)
                    .contains("--confirm-destroy '" + bad + "' (expected: RESOURCE@HOST, such as pc0@be2)");
        }
    }
}
