package io.drbd4j.core.safety;

import org.immutables.value.Value;

/**
 * The answer to one safety question, with the one sentence that explains it, for example {@code NO}: "Do not
 * lose this node: it is the only UpToDate copy (the peer is Inconsistent (resync target), 1,715,080 KiB still
 * to sync, about 0:00:44 left)."
 *
 * <p>The reason quotes DRBD's own labels ({@code WFConnection}, {@code Inconsistent}) and sizes in KiB with
 * thousands separators; it is meant for people, not for parsing.
 */
@Value.Immutable
public abstract class Answer {
    // Only the implementation Immutables generates in this package extends this type.
    Answer() {}

    /**
     * Returns yes, no or unknown.
     *
     * @return yes, no or unknown
     */
    public abstract Verdict verdict();

    /**
     * Returns one sentence, ending with a full stop, that says why and what it means.
     *
     * @return one sentence, ending with a full stop, that says why and what it means
     */
    public abstract String reason();

    /**
     * Returns true when the verdict is {@link Verdict#YES}.
     *
     * @return true when the verdict is {@link Verdict#YES}
     */
    public boolean isYes() {
        return verdict() == Verdict.YES;
    }

    /**
     * Returns a {@link Verdict#YES} answer.
     *
     * @param reason the sentence that explains the answer
     * @return a {@link Verdict#YES} answer
     */
    public static Answer yes(String reason) {
        return of(Verdict.YES, reason);
    }

    /**
     * Returns a {@link Verdict#NO} answer.
     *
     * @param reason the sentence that explains the answer
     * @return a {@link Verdict#NO} answer
     */
    public static Answer no(String reason) {
        return of(Verdict.NO, reason);
    }

    /**
     * Returns an {@link Verdict#UNKNOWN} answer.
     *
     * @param reason the sentence that says what cannot be told and why
     * @return an {@link Verdict#UNKNOWN} answer
     */
    public static Answer unknown(String reason) {
        return of(Verdict.UNKNOWN, reason);
    }

    /**
     * Returns the answer.
     *
     * @param verdict the verdict
     * @param reason the sentence that explains it
     * @return the answer
     */
    public static Answer of(Verdict verdict, String reason) {
        return ImmutableAnswer.builder().verdict(verdict).reason(reason).build();
    }

    @Value.Check
    void check() {
        if (reason().isBlank()) {
            throw new IllegalStateException("answer " + verdict() + " has a blank reason (expected: one sentence)");
        }
    }
}
