package io.drbd4j.examples.cli;

import java.util.List;

/**
 * What a fixture's {@code .source} file says {@code drbd4j status --json} must show, written as the one-line
 * summaries that {@link StatusSummary} makes of the JSON.
 *
 * @param fixture the fixture's name without {@code .txt}
 * @param version {@code 8.4.2 api=1 proto=86-101}, {@code null} when the input has no readable version line, or
 *     {@link #UNCHECKED}
 * @param transports {@code tcp 1.0.0} per DRBD 9 transport
 * @param devices one {@link StatusSummary#device} line per device, in file order
 * @param syncs one {@link StatusSummary#sync} line per device that shows a resync or verify
 */
record FixtureExpectation(
        String fixture, String version, List<String> transports, List<String> devices, List<String> syncs) {
    /** The version line is too mangled to say what a lenient parser should make of it. */
    static final String UNCHECKED = "unchecked";

    /**
     * @param fixture the fixture's name without {@code .txt}
     * @param version the version summary
     * @param devices the device summaries
     * @return the expectation, without transports and without syncs
     */
    static FixtureExpectation of(String fixture, String version, String... devices) {
        return new FixtureExpectation(fixture, version, List.of(), List.of(devices), List.of());
    }

    /**
     * @param syncs the sync summaries
     * @return a copy with these syncs
     */
    FixtureExpectation syncs(String... syncs) {
        return new FixtureExpectation(fixture, version, transports, devices, List.of(syncs));
    }

    /**
     * @param transports the transport summaries
     * @return a copy with these transports
     */
    FixtureExpectation transports(String... transports) {
        return new FixtureExpectation(fixture, version, List.of(transports), devices, syncs);
    }

    @Override
    public String toString() {
        return fixture;
    }
}
