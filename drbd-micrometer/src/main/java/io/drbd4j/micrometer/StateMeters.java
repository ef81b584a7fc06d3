package io.drbd4j.micrometer;

/**
 * Which meters {@link DrbdMetrics} gives a device's connection state, roles and disk states.
 *
 * <p>The one-hot gauges are many: 25 connection states, and 3 roles and 9 disk states for each of the two nodes, 49
 * time series per device against about 25 for everything else, and a Prometheus scrape's cost grows with the series.
 */
public enum StateMeters {
    /**
     * The kernel's number of each state ({@code drbd.connection.state}, {@code drbd.node.role}, {@code
     * drbd.disk.state}) and the 0/1 gauges node_exporter has ({@code drbd.connected}, {@code
     * drbd.node.role.is.primary}, {@code drbd.disk.state.is.up.to.date}).
     */
    NUMBERS,
    /**
     * As {@link #NUMBERS}, and one gauge per possible state that is 1 for the state seen and 0 for every other
     * ({@code drbd.connection.state.is}, {@code drbd.node.role.is}, {@code drbd.disk.state.is}, tagged {@code
     * state} or {@code role} with the kernel's label).
     */
    NUMBERS_AND_ONE_HOT
}
