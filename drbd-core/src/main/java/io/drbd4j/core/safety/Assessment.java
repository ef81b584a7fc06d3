package io.drbd4j.core.safety;

import java.util.Optional;

/** Both nodes' copies and the split-brain answer, before they are turned into a report. */
final class Assessment {
    private final Copy thisCopy;
    private final Copy peerCopy;
    private final String bothWhy;
    private final Answer splitBrain;
    private final Optional<String> disagreement;

    private Assessment(Copy thisCopy, Copy peerCopy, String bothWhy, Answer splitBrain, Optional<String> disagreement) {
        this.thisCopy = thisCopy;
        this.peerCopy = peerCopy;
        this.bothWhy = bothWhy;
        this.splitBrain = splitBrain;
        this.disagreement = disagreement;
    }

    /**
     * Creates the assessment of two copies.
     *
     * @param bothWhy the clause used when both copies are current ("both disks are UpToDate and ...")
     */
    static Assessment of(Copy thisCopy, Copy peerCopy, String bothWhy, Answer splitBrain) {
        return new Assessment(thisCopy, peerCopy, bothWhy, splitBrain, Optional.empty());
    }

    /**
     * Creates the assessment of two statuses that disagree.
     *
     * @param detail what the two statuses disagree on, such as "this node shows Connected, ..."
     */
    static Assessment disagreement(String detail) {
        String why = "the two statuses disagree (" + detail + "), so they were taken at different times; read both"
                + " again";
        Copy unknown = Copy.unknown(why, "statuses disagree");
        return new Assessment(unknown, unknown, why, Answer.unknown("Cannot tell: " + why + "."), Optional.of(why));
    }

    Copy copy(Side side) {
        return side == Side.THIS_NODE ? thisCopy : peerCopy;
    }

    String bothWhy() {
        return bothWhy;
    }

    Answer splitBrain() {
        return splitBrain;
    }

    /**
     * Returns the clause that says the two statuses disagree, empty when they fit together.
     *
     * @return the clause that says the two statuses disagree, empty when they fit together
     */
    Optional<String> disagreement() {
        return disagreement;
    }
}
