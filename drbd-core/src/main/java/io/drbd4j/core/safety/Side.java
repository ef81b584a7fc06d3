package io.drbd4j.core.safety;

/** The two nodes as the reason sentences name them. */
enum Side {
    THIS_NODE("this node"),
    PEER("the peer");

    private final String noun;

    Side(String noun) {
        this.noun = noun;
    }

    /** @return "this node" or "the peer" */
    String noun() {
        return noun;
    }

    /** @return "This node" or "The peer", to start a sentence */
    String subject() {
        return Text.capitalized(noun);
    }

    /** @return "this node's" or "the peer's" */
    String possessive() {
        return noun + "'s";
    }

    /** @return the other node */
    Side other() {
        return this == THIS_NODE ? PEER : THIS_NODE;
    }
}
