package io.drbd4j.testkit.internal.argv;

import io.drbd4j.testkit.internal.Outcome;

/**
 * What a drbdadm or drbdsetup command line amounts to: either the tool finishes on its own ({@link Exit}: a usage
 * error, {@code --version}, help) or it goes on to talk to the kernel ({@link Call}, {@link SetupCall}).
 */
public sealed interface Parsed permits Parsed.Exit, Call, SetupCall {
    /**
     * The tool ends without a backend call; the outcome is exactly what it prints and its exit code.
     *
     * @param outcome exit code, stdout and stderr
     */
    record Exit(Outcome outcome) implements Parsed {}
}
