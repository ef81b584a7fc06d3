package io.drbd4j.testkit.internal.host;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** One node of an in-memory file tree: a directory with named children, or a regular file with byte contents. */
public final class FsNode {
    private final SortedMap<String, FsNode> children;
    private byte[] contents;

    private FsNode(SortedMap<String, FsNode> children, byte[] contents) {
        this.children = children;
        this.contents = contents;
    }

    /**
     * Returns a new empty directory.
     *
     * @return a new empty directory
     */
    public static FsNode directory() {
        return new FsNode(new TreeMap<>(), null);
    }

    /**
     * Returns a new regular file.
     *
     * @param contents the file's bytes (copied)
     * @return a new regular file
     */
    public static FsNode file(byte[] contents) {
        return new FsNode(null, contents.clone());
    }

    /**
     * Returns whether this is a directory.
     *
     * @return whether this is a directory
     */
    public boolean isDirectory() {
        return children != null;
    }

    /**
     * Returns a copy of the file's bytes; fails on a directory.
     *
     * @return a copy of the file's bytes; fails on a directory
     */
    public byte[] contents() {
        requireFile();
        return contents.clone();
    }

    /**
     * Replaces the file's bytes.
     *
     * @param bytes the file's new bytes (copied); fails on a directory
     */
    public void write(byte[] bytes) {
        requireFile();
        contents = bytes.clone();
    }

    /**
     * Returns the child, or null.
     *
     * @param name a child name
     * @return the child, or null
     */
    public FsNode child(String name) {
        requireDirectory();
        return children.get(name);
    }

    /**
     * Returns the children by name (read-only view).
     *
     * @return the children by name (read-only view)
     */
    public Map<String, FsNode> children() {
        requireDirectory();
        return Collections.unmodifiableSortedMap(children);
    }

    void put(String name, FsNode node) {
        requireDirectory();
        children.put(Objects.requireNonNull(name), Objects.requireNonNull(node));
    }

    void remove(String name) {
        requireDirectory();
        children.remove(name);
    }

    /**
     * Returns a deep copy: the DRBD layer copies whole trees when it replicates a device.
     *
     * @return a deep copy: the DRBD layer copies whole trees when it replicates a device
     */
    public FsNode deepCopy() {
        if (!isDirectory()) {
            return file(contents);
        }
        FsNode copy = directory();
        children.forEach((name, node) -> copy.children.put(name, node.deepCopy()));
        return copy;
    }

    private void requireFile() {
        if (isDirectory()) {
            throw new IllegalStateException("a directory has no contents");
        }
    }

    private void requireDirectory() {
        if (!isDirectory()) {
            throw new IllegalStateException("a regular file has no children");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FsNode other
                && Objects.equals(children, other.children)
                && Arrays.equals(contents, other.contents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(children, Arrays.hashCode(contents));
    }

    @Override
    public String toString() {
        return isDirectory() ? "dir" + children.keySet() : "file(" + contents.length + " bytes)";
    }
}
