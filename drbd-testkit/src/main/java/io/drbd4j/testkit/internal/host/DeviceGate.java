package io.drbd4j.testkit.internal.host;

import java.util.Optional;

/**
 * What the simulated host asks the DRBD layer about {@code /dev/drbdN} devices. A DRBD device can be opened
 * (mounted, formatted, probed) only while Primary, and its demotion is refused while it is open (its open count); the
 * host reports every open and close so the DRBD layer can keep that count.
 */
public interface DeviceGate {
    /**
     * Returns whether the DRBD layer owns that device (other devices are plain block devices).
     *
     * @param device a device path such as {@code /dev/drbd0}
     * @return whether the DRBD layer owns that device (other devices are plain block devices)
     */
    boolean isDrbd(String device);

    /**
     * Returns whether it may be opened now, that is whether the local role is Primary.
     *
     * @param device a DRBD device path
     * @return whether it may be opened now, that is whether the local role is Primary
     */
    boolean canOpen(String device);

    /**
     * Called when the host opened a DRBD device.
     *
     * @param device a DRBD device the host just opened (mounted)
     */
    void opened(String device);

    /**
     * Called when the host closed a DRBD device.
     *
     * @param device a DRBD device the host just closed (unmounted)
     */
    void closed(String device);

    /**
     * A tool discarded the whole device (BLKDISCARD, as mkfs.ext4 does by default).
     *
     * @param device a device path
     */
    default void discarded(String device) {}

    /**
     * {@code drbdadm primary} as {@code ha_backend_storage attach} runs it during {@code master-recover}.
     *
     * @param device a DRBD device path
     * @return whether the device is Primary afterwards
     */
    default boolean promote(String device) {
        return canOpen(device);
    }

    /**
     * {@code drbdadm secondary} as {@code ha_backend_storage detach} runs it during {@code backup-recover}.
     *
     * @param device a DRBD device path
     * @return whether the demotion succeeded
     */
    default boolean demote(String device) {
        return true;
    }

    /**
     * Returns the DRBD device that holds this device open as its attached backing disk (with {@code O_EXCL}: other
     * exclusive opens fail with EBUSY), empty when none does.
     *
     * @param device a device path, such as {@code /dev/opscode/drbd}
     * @return the DRBD device path, such as {@code /dev/drbd0}, or empty
     */
    default Optional<String> holderOf(String device) {
        return Optional.empty();
    }

    /**
     * Returns the DRBD device whose data lives on this backing disk, attached or not: its filesystem is the one at
     * the start of the disk.
     *
     * @param device a device path, such as {@code /dev/opscode/drbd}
     * @return the DRBD device, or empty when the device backs none
     */
    default Optional<BlockDevice> dataOn(String device) {
        return Optional.empty();
    }

    /**
     * A tool wrote over the end of a backing disk while DRBD was down (resize2fs grew the filesystem on the backing
     * disk itself): DRBD's internal meta data there is gone.
     *
     * @param device the backing disk's path
     */
    default void overwroteMetaData(String device) {}

    /**
     * Returns a gate for a host without DRBD: no device is a DRBD device.
     *
     * @return a gate for a host without DRBD: no device is a DRBD device
     */
    static DeviceGate none() {
        return new DeviceGate() {
            @Override
            public boolean isDrbd(String device) {
                return false;
            }

            @Override
            public boolean canOpen(String device) {
                return true;
            }

            @Override
            public void opened(String device) {}

            @Override
            public void closed(String device) {}
        };
    }
}
