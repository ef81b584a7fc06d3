package io.drbd4j.core.watch;

import java.util.Arrays;

/**
 * The last known state of every device of one node, in flat arrays so that reading a state that did not change
 * allocates nothing. Roles and disk states are stored as ordinal + 1, 0 for none; numbers the source did not show
 * are -1.
 */
final class Devices {
    int count;
    int[] minor = new int[4];
    byte[] connection = new byte[4];
    byte[] role = new byte[4];
    byte[] peerRole = new byte[4];
    byte[] disk = new byte[4];
    byte[] peerDisk = new byte[4];
    boolean[] suspended = new boolean[4];
    int[] perMille = new int[4];
    long[] leftKiB = new long[4];
    long[] speedKiBps = new long[4];
    long[] oos = new long[4];

    /** Forgets every device, keeping the arrays. */
    void clear() {
        count = 0;
    }

    /**
     * Returns the index of the device, or -1 when it is not known.
     *
     * @param m a minor number
     * @param hint the index to look at first
     * @return the index of the device, or -1 when it is not known
     */
    int indexOf(int m, int hint) {
        if (hint >= 0 && hint < count && minor[hint] == m) {
            return hint;
        }
        for (int i = 0; i < count; i++) {
            if (minor[i] == m) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds a device with nothing known yet but its minor and returns its index.
     *
     * @param m its minor number
     * @return its index
     */
    int add(int m) {
        if (count == minor.length) {
            int n = count * 2;
            minor = Arrays.copyOf(minor, n);
            connection = Arrays.copyOf(connection, n);
            role = Arrays.copyOf(role, n);
            peerRole = Arrays.copyOf(peerRole, n);
            disk = Arrays.copyOf(disk, n);
            peerDisk = Arrays.copyOf(peerDisk, n);
            suspended = Arrays.copyOf(suspended, n);
            perMille = Arrays.copyOf(perMille, n);
            leftKiB = Arrays.copyOf(leftKiB, n);
            speedKiBps = Arrays.copyOf(speedKiBps, n);
            oos = Arrays.copyOf(oos, n);
        }
        int i = count++;
        minor[i] = m;
        connection[i] = 0;
        role[i] = 0;
        peerRole[i] = 0;
        disk[i] = 0;
        peerDisk[i] = 0;
        suspended[i] = false;
        perMille[i] = -1;
        leftKiB[i] = -1;
        speedKiBps[i] = -1;
        oos[i] = -1;
        return i;
    }

    /**
     * Removes the device at an index, keeping the order of the others.
     *
     * @param i its index
     */
    void remove(int i) {
        int tail = count - i - 1;
        System.arraycopy(minor, i + 1, minor, i, tail);
        System.arraycopy(connection, i + 1, connection, i, tail);
        System.arraycopy(role, i + 1, role, i, tail);
        System.arraycopy(peerRole, i + 1, peerRole, i, tail);
        System.arraycopy(disk, i + 1, disk, i, tail);
        System.arraycopy(peerDisk, i + 1, peerDisk, i, tail);
        System.arraycopy(suspended, i + 1, suspended, i, tail);
        System.arraycopy(perMille, i + 1, perMille, i, tail);
        System.arraycopy(leftKiB, i + 1, leftKiB, i, tail);
        System.arraycopy(speedKiBps, i + 1, speedKiBps, i, tail);
        System.arraycopy(oos, i + 1, oos, i, tail);
        count--;
    }

    /**
     * Copies one device's state from another table into this one at an index.
     *
     * @param to the index here
     * @param from the other table
     * @param i the index there
     */
    void copy(int to, Devices from, int i) {
        minor[to] = from.minor[i];
        connection[to] = from.connection[i];
        role[to] = from.role[i];
        peerRole[to] = from.peerRole[i];
        disk[to] = from.disk[i];
        peerDisk[to] = from.peerDisk[i];
        suspended[to] = from.suspended[i];
        perMille[to] = from.perMille[i];
        leftKiB[to] = from.leftKiB[i];
        speedKiBps[to] = from.speedKiBps[i];
        oos[to] = from.oos[i];
    }
}
