package io.drbd4j.core.proc;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Splits input from a byte array, a {@link ByteBuffer}, a {@link FileChannel} or an {@link InputStream} into
 * lines that each lie contiguous in one buffer. Arrays (and heap buffers) are scanned in place; the other
 * sources are read into a buffer owned here and reused across {@code reset} calls, so after warm-up no read
 * allocates. Enforces the line-length and input-size bounds. Not thread-safe.
 */
final class LineSource {
    private static final int INITIAL_BUFFER = 8 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final int maxLineLength;
    private final long maxInputBytes;

    /** Allocated on first use: arrays and heap buffers are read in place and never need it. */
    private byte[] own;
    /**
     * Channel reads go through a direct buffer of our own: reading into a heap buffer makes the JDK borrow a
     * temporary direct one, which allocates now and then.
     */
    private ByteBuffer direct;

    private byte[] buf;
    private int pos;
    private int limit;
    private int scanFrom;
    private boolean eof;
    private long consumed;

    private InputStream stream;
    private FileChannel channel;
    private long channelPosition;
    private ByteBuffer copySource;
    private int copyIndex;
    private int copyEnd;

    /** Start of the last line returned by {@link #next(int)}, in {@link #buffer()}. */
    int lineStart;
    /** End (exclusive) of the last line, without its '\n'. */
    int lineEnd;

    LineSource(int maxLineLength, long maxInputBytes) {
        this.maxLineLength = maxLineLength;
        this.maxInputBytes = maxInputBytes;
    }

    void reset(byte[] data, int off, int len) {
        clearSources();
        checkInputSize(len);
        buf = data;
        pos = off;
        limit = off + len;
        scanFrom = off;
        eof = true;
        consumed = len;
    }

    void reset(ByteBuffer data) {
        if (data.hasArray()) {
            reset(data.array(), data.arrayOffset() + data.position(), data.remaining());
            return;
        }
        clearSources();
        copySource = data;
        copyIndex = data.position();
        copyEnd = data.limit();
        startOwn();
    }

    void reset(FileChannel source) {
        clearSources();
        channel = source;
        channelPosition = 0;
        startOwn();
    }

    void reset(InputStream source) {
        clearSources();
        stream = source;
        startOwn();
    }

    /**
     * Returns whether the input is read in place from the caller's array, which stays put while it is read; false for
     * the buffer owned here, whose bytes move when it is refilled.
     *
     * @return whether the input is read in place from the caller's array
     */
    boolean inPlace() {
        return buf != own;
    }

    /**
     * Returns the buffer holding the current line; valid until the next call of {@link #next(int)}.
     *
     * @return the buffer holding the current line; valid until the next call of {@link #next(int)}
     */
    byte[] buffer() {
        return buf;
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of input
     * @throws IOException when the source fails
     * @throws ProcDrbdParseException when a line or the input exceeds its bound
     */
    boolean next(int lineNumber) throws IOException {
        while (true) {
            int newline = indexOfNewline(buf, scanFrom, limit);
            if (newline >= 0) {
                return emit(newline, newline + 1, lineNumber);
            }
            scanFrom = limit;
            if (contentLength(pos, limit) > maxLineLength) {
                throw tooLong(lineNumber);
            }
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                return emit(limit, limit, lineNumber);
            }
            fill(lineNumber);
        }
    }

    /**
     * Returns where the next line starts in {@link #buffer()}.
     *
     * @return where the next line starts in {@link #buffer()}
     */
    int position() {
        return pos;
    }

    /**
     * Returns the end (exclusive) of the bytes at hand in {@link #buffer()}.
     *
     * @return the end (exclusive) of the bytes at hand in {@link #buffer()}
     */
    int limit() {
        return limit;
    }

    /**
     * Takes the line from {@link #position()} to the '\n' at {@code newline} that a caller found while reading it, as
     * {@link #next(int)} would have.
     *
     * @return false when the line exceeds its bound: then nothing is taken, and {@link #next(int)} is to report it
     */
    boolean take(int newline) {
        if (newline - pos > maxLineLength) {
            return false;
        }
        lineStart = pos;
        lineEnd = newline;
        pos = newline + 1;
        scanFrom = pos;
        return true;
    }

    /**
     * Finds '\n' eight bytes at a time: a byte of {@code w ^ NEWLINES} is zero where w has a newline, and the
     * classic has-zero-byte test flags the lowest such byte exactly.
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the length of the line in [from, to) without a CR at its end: the bound excludes the line end,
     * and a CRLF file's CR may be all that lies beyond it.
     */
    private int contentLength(int from, int to) {
        return to > from && buf[to - 1] == '\r' ? to - from - 1 : to - from;
    }

    private boolean emit(int end, int nextPos, int lineNumber) {
        if (contentLength(pos, end) > maxLineLength) {
            throw tooLong(lineNumber);
        }
        lineStart = pos;
        lineEnd = end;
        pos = nextPos;
        scanFrom = nextPos;
        return true;
    }

    private void fill(int lineNumber) throws IOException {
        if (pos > 0) {
            int keep = limit - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            scanFrom -= pos;
            limit = keep;
            pos = 0;
        }
        if (limit == buf.length) {
            grow(lineNumber);
        }
        int n = read(limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return;
        }
        limit += n;
        consumed += n;
        checkInputSize(consumed);
    }

    private int read(int off, int len) throws IOException {
        if (stream != null) {
            int n;
            do {
                n = stream.read(buf, off, len);
            } while (n == 0);
            return n;
        }
        if (channel != null) {
            if (direct == null) {
                direct = ByteBuffer.allocateDirect(INITIAL_BUFFER);
            }
            direct.clear().limit(Math.min(len, direct.capacity()));
            int n;
            do {
                n = channel.read(direct, channelPosition);
            } while (n == 0);
            if (n > 0) {
                direct.flip().get(buf, off, n);
                channelPosition += n;
            }
            return n;
        }
        int n = Math.min(len, copyEnd - copyIndex);
        if (n == 0) {
            return -1;
        }
        copySource.get(copyIndex, buf, off, n);
        copyIndex += n;
        return n;
    }

    private void grow(int lineNumber) {
        // A full buffer of maxLineLength + 1 bytes may hold a whole line and its CR, waiting for the LF.
        if (buf.length > maxLineLength + 1) {
            throw tooLong(lineNumber);
        }
        int size = (int) Math.min((long) buf.length * 2, (long) maxLineLength + 2);
        byte[] bigger = new byte[Math.max(size, buf.length + 1)];
        System.arraycopy(buf, 0, bigger, 0, limit);
        own = bigger;
        buf = own;
    }

    private void startOwn() {
        if (own == null) {
            own = new byte[INITIAL_BUFFER];
        }
        buf = own;
        pos = 0;
        limit = 0;
        scanFrom = 0;
        eof = false;
        consumed = 0;
    }

    private void clearSources() {
        stream = null;
        channel = null;
        copySource = null;
    }

    private void checkInputSize(long size) {
        if (size > maxInputBytes) {
            throw new ProcDrbdParseException(
                    0,
                    0,
                    "input is larger than " + maxInputBytes + " bytes (expected: at most maxInputBytes = "
                            + maxInputBytes + ")",
                    "");
        }
    }

    private ProcDrbdParseException tooLong(int lineNumber) {
        return new ProcDrbdParseException(
                lineNumber,
                maxLineLength + 1,
                "line is longer than " + maxLineLength + " bytes (expected: at most maxLineLength = " + maxLineLength
                        + ")",
                "");
    }
}
