package io.drbd4j.testbed;

/** {@link RealPairs} for the test packages below this one. */
public final class RealPairsAccess {
    private RealPairsAccess() {}

    /**
     * @param builder the pair to boot
     * @return the booted pair, or the test is skipped (failed under CI=true)
     */
    public static RealDrbdPair start(RealDrbdPair.Builder builder) {
        return RealPairs.start(builder);
    }
}
