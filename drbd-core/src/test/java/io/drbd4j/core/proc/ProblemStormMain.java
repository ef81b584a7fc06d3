package io.drbd4j.core.proc;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link LenientMemoryTest} in a JVM of its own with a small heap: parses the worst input shape many times
 * leniently, keeping every result, and prints what the results retain. Exits non-zero (or with an
 * OutOfMemoryError) when memory per input byte is not bounded.
 */
public final class ProblemStormMain {
    private ProblemStormMain() {}

    /**
     * Parses {@code args[0]} inputs of {@code args[1]} devices each, half from arrays and half through the
     * streaming reader, and prints {@code inputs=N inputBytes=B retainedBytes=R problems=P}.
     *
     * @param args the number of inputs and of devices per input
     * @throws IOException never: the streams are in memory
     */
    public static void main(String[] args) throws IOException {
        int inputs = Integer.parseInt(args[0]);
        byte[] input = ProblemCapTest.stormOf(Integer.parseInt(args[1]));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ProcDrbdParser parser = ProcDrbdParser.lenient();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        List<ProcDrbdStatus> kept = new ArrayList<>(inputs);
        long problems = 0;
        for (int i = 0; i < inputs; i++) {
            // A fresh copy each time, so nothing is shared between results by accident of identity.
            byte[] copy = input.clone();
            ProcDrbdStatus status = i % 2 == 0 ? parser.parse(copy) : parser.parse(new ByteArrayInputStream(copy));
            problems += status.problems().size();
            kept.add(status);
        }
        System.gc();
        long retained = memory.getHeapMemoryUsage().getUsed() - before;
        System.out.println("inputs=" + kept.size() + " inputBytes=" + input.length + " retainedBytes=" + retained
                + " problems=" + problems);
    }
}
