package io.drbd4j.core.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The second line of {@code /proc/drbd}, kept as printed: {@code GIT-hash: 7ad5f850... build by
 * root@example.com, 2013-04-10 07:45:25}, {@code srcversion: 1A9F77B1CA5FF92235C2213} or {@code
 * built-in}.
 */
@Value.Immutable
public abstract class BuildTag {
    // Only the implementation Immutables generates in this package extends this type.
    BuildTag() {}

    /** What kind of build printed the tag. */
    public enum Kind {
        /** {@code GIT-hash: <hash> ...}: an out-of-tree LINBIT build. */
        GIT_HASH,
        /** {@code srcversion: <id>}: DRBD built as a module of a mainline kernel. */
        SRCVERSION,
        /** {@code built-in}: DRBD built into a mainline kernel. */
        BUILT_IN,
        /** Anything else, kept as text. */
        OTHER
    }

    /**
     * Returns the line as printed, without leading and trailing blanks.
     *
     * @return the line as printed, without leading and trailing blanks
     */
    public abstract String text();

    /**
     * The blanks that followed the text. The kernel pads a srcversion to 24 characters ({@code "srcversion:
     * %-24s"}), so an unedited line from a mainline kernel ends in one space; documents often lose it. Kept so
     * that the writer reproduces the line exactly; not part of {@code equals}.
     *
     * @return the trailing spaces and TABs as read, usually empty
     */
    @Value.Default
    @Value.Auxiliary
    public String trailingBlanks() {
        return "";
    }

    /**
     * Returns which form the text has.
     *
     * @return which form the text has
     */
    @Value.Derived
    public Kind kind() {
        String t = text();
        if (t.startsWith("GIT-hash:")) {
            return Kind.GIT_HASH;
        } else if (t.startsWith("srcversion:")) {
            return Kind.SRCVERSION;
        } else if (t.equals("built-in")) {
            return Kind.BUILT_IN;
        }
        return Kind.OTHER;
    }

    /**
     * Returns the git hash or the module srcversion: the token after the prefix, when there is one.
     *
     * @return the git hash or the module srcversion: the token after the prefix, when there is one
     */
    @Value.Derived
    public Optional<String> id() {
        Kind kind = kind();
        if (kind != Kind.GIT_HASH && kind != Kind.SRCVERSION) {
            return Optional.empty();
        }
        String rest = text().substring(text().indexOf(':') + 1);
        int start = 0;
        while (start < rest.length() && isBlank(rest.charAt(start))) {
            start++;
        }
        rest = rest.substring(start);
        int end = 0;
        while (end < rest.length() && !isBlank(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(rest.substring(0, end));
    }

    @Value.Check
    void check() {
        String t = text();
        // Blanks as /proc/drbd has them: space and TAB (not Java's wider idea of whitespace).
        if (t.isEmpty() || isBlank(t.charAt(0)) || isBlank(t.charAt(t.length() - 1))) {
            throw new IllegalStateException(
                    "build tag \"" + t + "\" (expected: non-empty, without leading or" + " trailing blanks)");
        }
        if (!trailingBlanks().chars().allMatch(c -> isBlank((char) c))) {
            throw new IllegalStateException(
                    "trailing blanks \"" + trailingBlanks() + "\" (expected: only spaces" + " and TABs)");
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Returns the tag.
     *
     * @param text the line as printed, without leading and trailing blanks
     * @return the tag
     */
    public static BuildTag of(String text) {
        return ImmutableBuildTag.builder().text(text).build();
    }

    /**
     * Returns the tag.
     *
     * @param text the line as printed, without leading and trailing blanks
     * @param trailingBlanks the blanks that followed it
     * @return the tag
     */
    public static BuildTag of(String text, String trailingBlanks) {
        return ImmutableBuildTag.builder()
                .text(text)
                .trailingBlanks(trailingBlanks)
                .build();
    }
}
