package io.drbd4j.chef.engine;

/**
 * The two backends' parts in a workflow. The keeper is {@link io.drbd4j.chef.ChefHaCluster#keeper()}: the backend
 * whose copy of the data the workflow keeps (the bootstrap backend, the master, the survivor, the copy chosen after a
 * split brain); the other backend is brought to that copy. Each procedure gives the two its own names, such as
 * {@code SURVIVOR = KEEPER} and {@code REPLACEMENT = OTHER}.
 */
public enum Side {
    /** the backend whose data the workflow keeps */
    KEEPER,
    /** the other backend */
    OTHER;

    /**
     * Returns the other side.
     *
     * @return the other side
     */
    public Side opposite() {
        return this == KEEPER ? OTHER : KEEPER;
    }
}
