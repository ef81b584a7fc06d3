package io.drbd4j.core.proc;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Builds the immutable {@link ProcDrbdStatus} from {@code /proc/drbd} text, on top of {@link ProcDrbdReader}.
 *
 * <p>Immutable and thread-safe: each thread reads with a reader of its own.
 *
 * <pre>{@code
 * ProcDrbdStatus status = ProcDrbdParser.lenient().parse(Path.of("/proc/drbd"));
 * }</pre>
 */
public final class ProcDrbdParser {
    private final ParseOptions options;

    /**
     * One reader per thread and parser: a reader is a few dozen objects and buffers, more than the model of a
     * one-device host. Released after each parse so it holds no reference to the caller's input.
     */
    private final ThreadLocal<ProcDrbdReader> readers;

    private ProcDrbdParser(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.readers = ThreadLocal.withInitial(() -> new ProcDrbdReader(options));
    }

    /**
     * Returns a parser with these options.
     *
     * @param options mode and bounds
     * @return a parser with these options
     */
    public static ProcDrbdParser create(ParseOptions options) {
        return new ProcDrbdParser(options);
    }

    /**
     * Returns a strict parser with the default bounds.
     *
     * @return a strict parser with the default bounds
     */
    public static ProcDrbdParser strict() {
        return new ProcDrbdParser(ParseOptions.strict());
    }

    /**
     * Returns a lenient parser with the default bounds.
     *
     * @return a lenient parser with the default bounds
     */
    public static ProcDrbdParser lenient() {
        return new ProcDrbdParser(ParseOptions.lenient());
    }

    /**
     * Returns this parser's options.
     *
     * @return this parser's options
     */
    public ParseOptions options() {
        return options;
    }

    /**
     * Returns the status.
     *
     * @param data the whole text; not modified, not retained
     * @return the status
     * @throws ProcDrbdParseException in strict mode at the first deviation, in any mode past a bound
     */
    public ProcDrbdStatus parse(byte[] data) {
        ProcDrbdReader reader = readers.get();
        try {
            return StatusAssembler.assemble(reader.reset(data));
        } catch (IOException e) {
            throw new AssertionError("a byte[] source cannot fail", e);
        } finally {
            reader.release();
        }
    }

    /**
     * Returns the status.
     *
     * @param data the text between position and limit; neither is changed
     * @return the status
     * @throws ProcDrbdParseException in strict mode at the first deviation, in any mode past a bound
     */
    public ProcDrbdStatus parse(ByteBuffer data) {
        ProcDrbdReader reader = readers.get();
        try {
            return StatusAssembler.assemble(reader.reset(data));
        } catch (IOException e) {
            throw new AssertionError("a ByteBuffer source cannot fail", e);
        } finally {
            reader.release();
        }
    }

    /**
     * Returns the status.
     *
     * @param in the text, read to its end; not closed
     * @return the status
     * @throws IOException when reading fails
     * @throws ProcDrbdParseException in strict mode at the first deviation, in any mode past a bound
     */
    public ProcDrbdStatus parse(InputStream in) throws IOException {
        ProcDrbdReader reader = readers.get();
        try {
            return StatusAssembler.assemble(reader.reset(in));
        } finally {
            reader.release();
        }
    }

    /**
     * Reads from position 0 with positional reads, so the same open channel (for example on {@code /proc/drbd})
     * can be parsed again for a fresh snapshot.
     *
     * @param channel the open channel; its position is not changed, it is not closed
     * @return the status
     * @throws IOException when reading fails
     * @throws ProcDrbdParseException in strict mode at the first deviation, in any mode past a bound
     */
    public ProcDrbdStatus parse(FileChannel channel) throws IOException {
        ProcDrbdReader reader = readers.get();
        try {
            return StatusAssembler.assemble(reader.reset(channel));
        } finally {
            reader.release();
        }
    }

    /**
     * Builds the model from a reader that was just reset to its input, so a caller that polls can keep one reader
     * and one open channel: {@code parser.read(reader.reset(channel))}. The reader's own options apply.
     *
     * @param reader a reader positioned before its first token
     * @return the status
     * @throws IOException when reading fails
     * @throws ProcDrbdParseException in strict mode at the first deviation, in any mode past a bound
     */
    public static ProcDrbdStatus read(ProcDrbdReader reader) throws IOException {
        return StatusAssembler.assemble(reader);
    }

    /**
     * Returns the status.
     *
     * @param file the file, usually {@code /proc/drbd}
     * @return the status
     * @throws IOException when the file cannot be opened or read
     * @throws ProcDrbdParseException in strict mode at the first deviation, in any mode past a bound
     */
    public ProcDrbdStatus parse(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(channel);
        }
    }
}
