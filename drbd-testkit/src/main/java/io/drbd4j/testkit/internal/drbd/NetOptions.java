package io.drbd4j.testkit.internal.drbd;

/**
 * The net options of Chef's {@code pc0.res} ({@code protocol C; cram-hmac-alg sha1;
 * shared-secret; sndbuf-size 0; rcvbuf-size 0;} and the three after-sb policies) as drbdadm passes them to drbdsetup,
 * and so prints them in {@code Command '...' terminated with exit code N} after a failed {@code connect}, {@code up} or
 * {@code adjust}: the shared secret in clear text. drbdadm lists them in the reverse of the configuration's order
 * (drbd-utils 9.22, {@code drbdadm-84 -d connect pc0} and {@code drbdadm-83 -d connect pc0}; compared in {@code
 * NetOptionsOracleTest}); 8.4 ends with {@code --protocol=C}, which 8.3 passes as the word {@code C} after the
 * addresses.
 */
final class NetOptions {
    private NetOptions() {}

    /**
     * Returns the options, each preceded by a space.
     *
     * @param n the node, whose shared secret and verify-alg (written last in the net section when set) are used
     * @return the options, each preceded by a space
     */
    static String of(DrbdNode n) {
        String verifyAlg = n.verifyAlg == null ? "" : " --verify-alg=" + n.verifyAlg;
        String common = verifyAlg
                + " --after-sb-2pri=call-pri-lost-after-sb --after-sb-1pri=discard-secondary"
                + " --after-sb-0pri=discard-younger-primary --rcvbuf-size=0 --sndbuf-size=0 --shared-secret="
                + n.sharedSecret + " --cram-hmac-alg=sha1";
        return n.dialect.equals("8.3") ? common : common + " --protocol=C";
    }
}
