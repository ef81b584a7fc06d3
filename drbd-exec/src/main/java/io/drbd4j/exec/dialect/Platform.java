package io.drbd4j.exec.dialect;

/**
 * The platforms of the Chef HA guide, named by what decides the commands: the DRBD userland. A preset is a
 * default; {@link DialectDetector} asks the host and wins over it.
 */
public enum Platform {
    /** RHEL/CentOS 6 with ELRepo's drbd84: the guide's {@code primary --force} and {@code disk-options}. */
    RHEL_CENTOS_6("RHEL/CentOS 6 (DRBD 8.4 userland)", "8.4"),
    /** Ubuntu 12.04 on its 3.2 kernel (DRBD 8.3.11): the guide's {@code -- --overwrite-data-of-peer} and syncer. */
    UBUNTU_12_04("Ubuntu 12.04 (DRBD 8.3 userland)", "8.3"),
    /** Any host whose drbdadm speaks 8.4. */
    USERLAND_84("8.4 userland", "8.4"),
    /** Any host whose drbdadm speaks 8.3. */
    USERLAND_83("8.3 userland", "8.3");

    private final String label;
    private final String dialect;

    Platform(String label, String dialect) {
        this.label = label;
        this.dialect = dialect;
    }

    /**
     * Returns what it is, for example {@code RHEL/CentOS 6 (DRBD 8.4 userland)}.
     *
     * @return what it is, for example {@code RHEL/CentOS 6 (DRBD 8.4 userland)}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the dialect this platform speaks unless detection says otherwise.
     *
     * @return the dialect this platform speaks unless detection says otherwise
     */
    public DrbdDialect dialect() {
        return DrbdDialect.named(dialect);
    }
}
