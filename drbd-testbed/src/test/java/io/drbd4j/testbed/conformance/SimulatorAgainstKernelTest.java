package io.drbd4j.testbed.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.testbed.RealDrbdPair;
import io.drbd4j.testbed.RealPairsAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulated pair held against the real kernel: every {@link Corpus} sequence runs on both, and after each step
 * the exit code, DRBD's reason and each host's parsed /proc/drbd (cs, ro, ds, flags, oos, counters) must agree. A
 * difference is a simulator bug to fix, or an entry of {@link #TOLERATED} with the reason it is tolerated.
 */
@Tag("real-drbd")
class SimulatorAgainstKernelTest {
    static final long SIZE = 24L << 20;

    /** A tolerated difference: the steps and fields it covers (regexes), and why. */
    record Tolerated(Pattern step, Pattern field, String why) {
        static Tolerated of(String step, String field, String why) {
            return new Tolerated(Pattern.compile(step), Pattern.compile(field), why);
        }

        boolean covers(Difference d) {
            return step.matcher(d.stepText()).matches()
                    && field.matcher(d.field()).matches();
        }
    }

    /**
     * The differences the simulator keeps on purpose: timing (the states themselves agree once both pairs have settled:
     * the awaits after these steps compare equal), and one race in the kernel whose outcomes the simulator cannot both
     * give.
     */
    static final List<Tolerated> TOLERATED = List.of(
            Tolerated.of(
                    "partition|crash be[12]|heal",
                    "be[12]\\.(cs|ro|ds)",
                    "the kernel notices a silent peer only when a ping goes unanswered (ping-int 10 s + ping-timeout 0.5 s) and"
                            + " retries a connection every connect-int (10 s); the simulator changes state at once, and the"
                            + " corpus reads the state within about a second of the step"),
            Tolerated.of(
                    "await be[12]\\.cs=StandAlone",
                    "be2\\.(cs|ro)|await",
                    "a race in the kernel, seen in two CI runs of the same commit: when both Primaries meet after the"
                            + " split, after-sb-2pri call-pri-lost-after-sb first asks after-sb-0pri"
                            + " (discard-younger-primary), and the loser, be2, gives up its Primary role if nothing"
                            + " holds it open; then be1 drops the connection (StandAlone) while be2 waits"
                            + " (WFConnection Secondary). Other times both drop first and stay StandAlone Primary,"
                            + " which the simulator models. The Chef split brain of the workflow tests holds be2's"
                            + " device open (mounted, serving), where the kernel always keeps both StandAlone"));

    record Difference(String sequence, int step, String stepText, String field, String sim, String kernel) {
        @Override
        public String toString() {
            return sequence + " #" + step + " (" + stepText + ") " + field + ": simulator " + sim + ", kernel "
                    + kernel;
        }
    }

    @Test
    void theSimulatorAnswersEveryCorpusSequenceAsTheKernelDoes() {
        // -Ddrbd4j.corpus.only=NAME runs only the sequences whose name contains NAME (to check one change quickly);
        // -Ddrbd4j.corpus.part=K/N only every N-th sequence from the K-th on (0-based), so that N runs with K = 0..N-1
        // cover the corpus (CI rotates K by the day, to keep its run inside its time).
        String only = System.getProperty("drbd4j.corpus.only", "");
        int[] part = part(System.getProperty("drbd4j.corpus.part", "0/1"));
        List<Corpus.Sequence> named =
                Corpus.all().stream().filter(s -> s.name().contains(only)).toList();
        List<Corpus.Sequence> corpus = new ArrayList<>();
        for (int i = part[0]; i < named.size(); i += part[1]) {
            corpus.add(named.get(i));
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(only.isEmpty() ? 30 / part[1] : 1);
        System.out.println("corpus part " + part[0] + "/" + part[1] + ": "
                + corpus.stream().map(Corpus.Sequence::name).toList());
        List<Difference> differences = new ArrayList<>();
        List<String> roundTrips;
        try (RealDrbdPair pair = RealPairsAccess.start(RealDrbdPair.builder().backingSize(SIZE))) {
            pair.configureDrbd();
            RealDriver real = new RealDriver(pair, SIZE);
            for (Corpus.Sequence sequence : corpus) {
                real.reset();
                try (SimDriver sim = new SimDriver(SIZE)) {
                    differences.addAll(run(sequence, sim, real));
                }
            }
            roundTrips = real.roundTripFailures();
        }
        List<String> unexplained = new ArrayList<>();
        TreeSet<String> used = new TreeSet<>();
        for (Difference d : differences) {
            Optional<Tolerated> t = TOLERATED.stream().filter(x -> x.covers(d)).findFirst();
            System.out.println((t.isPresent() ? "tolerated: " : "DIFFERENT: ") + d);
            t.ifPresentOrElse(x -> used.add(x.why()), () -> unexplained.add(d.toString()));
        }
        System.out.println(corpus.size() + " sequences, " + differences.size() + " differences, " + unexplained.size()
                + " unexplained");
        assertThat(unexplained)
                .as("differences the simulator must fix or the allowlist must explain")
                .isEmpty();
    }

    /** {@code K/N} with 0 <= K < N. */
    private static int[] part(String text) {
        String[] kn = text.split("/", -1);
        try {
            int k = Integer.parseInt(kn[0]);
            int n = Integer.parseInt(kn[1]);
            if (kn.length == 2 && n >= 1 && k >= 0 && k < n) {
                return new int[] {k, n};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "drbd4j.corpus.part " + text + " (expected: K/N with 0 <= K < N, such as 1/3)");
    }

    /** Whether this await of StandAlone found the kernel's be2 waiting (WFConnection) where the simulator's dropped. */
    private static boolean raced(Step step, Observation sim, Observation kernel) {
        return step.text().matches("await be[12]\\.cs=StandAlone")
                && "StandAlone".equals(sim.fields().get("be2.cs"))
                && "WFConnection".equals(kernel.fields().get("be2.cs"));
    }

    /** A step that throws is an observation too, so that the run goes on and the report shows every difference. */
    private static Observation applied(Step step, PairDriver driver) {
        try {
            return step.apply(driver);
        } catch (RuntimeException | AssertionError e) {
            return new Observation(Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static List<Difference> run(Corpus.Sequence sequence, SimDriver sim, RealDriver real) {
        List<Difference> out = new ArrayList<>();
        int i = 0;
        for (Step step : sequence.steps()) {
            i++;
            Observation s = applied(step, sim);
            Observation k = applied(step, real);
            for (Map.Entry<String, String> e : k.fields().entrySet()) {
                String simValue = s.fields().getOrDefault(e.getKey(), "(absent)");
                if (!simValue.equals(e.getValue())) {
                    out.add(new Difference(sequence.name(), i, step.text(), e.getKey(), simValue, e.getValue()));
                }
            }
            for (String key : s.fields().keySet()) {
                if (!k.fields().containsKey(key)) {
                    out.add(new Difference(
                            sequence.name(), i, step.text(), key, s.fields().get(key), "(absent)"));
                }
            }
            if (raced(step, s, k)) {
                // The kernel took the other outcome of the race TOLERATED explains: from here on its state is not
                // the simulator's (be2 Secondary and waiting, not Primary and StandAlone), so the rest of the sequence
                // compares nothing the simulator could match. A run without the race compares every step.
                System.out.println("race: " + sequence.name() + " stops at #" + i + " (" + step.text() + "): kernel "
                        + k.fields().get("be2.cs") + " " + k.fields().get("be2.ro") + ", simulator "
                        + s.fields().get("be2.cs") + " " + s.fields().get("be2.ro"));
                break;
            }
        }
        return out;
    }
}
