package io.drbd4j.core.safety;

/** The two nodes as the reason sentences name them. */
enum Side {
    THIS_NODE("this node"),
    PEER("the peer");

    private final String noun;

    Side(String noun) {
        this.noun = noun;
    }

    /**
     * Returns "this node" or "the peer".
     *
     * @return "this node" or "the peer"
     */
    String noun() {
        return noun;
    }

    /**
     * Returns "This node" or "The peer", to start a sentence.
     *
     * @return "This node" or "The peer", to start a sentence
     */
    String subject() {
        return Text.capitalized(noun);
    }

    /**
     * Returns "this node's" or "the peer's".
     *
     * @return "this node's" or "the peer's"
     */
    String possessive() {
        return noun + "'s";
    }

    /**
     * Returns the other node.
     *
     * @return the other node
     */
    Side other() {
        return this == THIS_NODE ? PEER : THIS_NODE;
    }
}
