package io.drbd4j.core.safety;

/** The verdict of one safety question: yes, no, or the status text cannot tell. */
public enum Verdict {
    /** The statuses show that the answer is yes. */
    YES,
    /** The statuses show that the answer is no, or that a yes is not guaranteed. */
    NO,
    /** The statuses cannot tell; the answer's reason names what is missing. */
    UNKNOWN
}
