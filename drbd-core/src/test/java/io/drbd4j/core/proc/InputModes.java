package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ProcDrbdStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Feeds the same bytes to {@link ProcDrbdParser} through every input path it offers, so that a test can demand
 * that they all agree: whole array, heap buffer (sliced, with non-zero array offset and position), read-only heap
 * buffer, direct buffer, an InputStream that hands out one byte per read, InputStreams with random chunk sizes,
 * a FileChannel (positioned away from 0) and a Path.
 */
final class InputModes {
    /** One way of handing bytes to the parser. */
    @FunctionalInterface
    interface InputMode {
        ProcDrbdStatus parse(ProcDrbdParser parser, byte[] data) throws IOException;
    }

    private static final long[] CHUNK_SEEDS = {1L, 7L, 42L, 20240601L};

    private InputModes() {}

    /** @return every input mode by name, in a stable order; {@code byte[]} first */
    static Map<String, InputMode> all() {
        Map<String, InputMode> modes = new LinkedHashMap<>();
        modes.put("byte[]", ProcDrbdParser::parse);
        modes.put("heap ByteBuffer slice", InputModes::viaHeapSlice);
        modes.put("read-only heap ByteBuffer", InputModes::viaReadOnlyBuffer);
        modes.put("direct ByteBuffer", InputModes::viaDirectBuffer);
        modes.put("InputStream 1 byte per read", (p, d) -> p.parse(new ChunkedInputStream(d, null)));
        for (long seed : CHUNK_SEEDS) {
            modes.put("InputStream random chunks seed " + seed, (p, d) -> p.parse(new ChunkedInputStream(d, seed)));
        }
        modes.put("FileChannel", InputModes::viaFileChannel);
        modes.put("Path", InputModes::viaPath);
        return modes;
    }

    /** @return the modes as named JUnit arguments, for {@code @MethodSource("io.drbd4j.core.proc.InputModes#named")} */
    static Stream<Named<InputMode>> named() {
        return all().entrySet().stream().map(e -> Named.of(e.getKey(), e.getValue()));
    }

    /** @return each mode's result, keyed by mode name */
    static Map<String, ProcDrbdStatus> parseEveryMode(ProcDrbdParser parser, byte[] data) {
        Map<String, ProcDrbdStatus> results = new LinkedHashMap<>();
        all().forEach((name, mode) -> {
            try {
                results.put(name, mode.parse(parser, data));
            } catch (IOException e) {
                throw new UncheckedIOException(name, e);
            }
        });
        return results;
    }

    /** Parses through every mode, asserts that all models are equal, and returns the model. */
    static ProcDrbdStatus parseConsistently(ProcDrbdParser parser, byte[] data) {
        Map<String, ProcDrbdStatus> results = parseEveryMode(parser, data);
        ProcDrbdStatus reference = results.get("byte[]");
        results.forEach((name, status) ->
                assertThat(status).as("model parsed via %s", name).isEqualTo(reference));
        return reference;
    }

    /**
     * Parses through every mode, asserts that each throws {@link ProcDrbdParseException} at the same place with
     * the same detail, and returns the exception of the byte[] mode.
     */
    static ProcDrbdParseException throwsConsistently(ProcDrbdParser parser, byte[] data) {
        List<ProcDrbdParseException> thrown = new ArrayList<>();
        all().forEach((name, mode) -> {
            ProcDrbdParseException e =
                    catchThrowableOfType(ProcDrbdParseException.class, () -> mode.parse(parser, data));
            assertThat(e).as("exception via %s", name).isNotNull();
            thrown.add(e);
        });
        ProcDrbdParseException reference = thrown.get(0);
        List<String> names = new ArrayList<>(all().keySet());
        for (int i = 1; i < thrown.size(); i++) {
            ProcDrbdParseException e = thrown.get(i);
            assertThat(List.of(e.line(), e.column(), e.detail(), e.lineText()))
                    .as("exception via %s", names.get(i))
                    .isEqualTo(List.of(reference.line(), reference.column(), reference.detail(), reference.lineText()));
        }
        return reference;
    }

    private static ProcDrbdStatus viaHeapSlice(ProcDrbdParser parser, byte[] data) {
        byte[] backing = new byte[data.length + 16];
        Arrays.fill(backing, (byte) '#');
        System.arraycopy(data, 0, backing, 7, data.length);
        ByteBuffer outer = ByteBuffer.wrap(backing);
        outer.position(4);
        ByteBuffer slice = outer.slice(); // arrayOffset 4
        slice.position(3).limit(3 + data.length);
        assertThat(slice.arrayOffset()).isEqualTo(4);
        ProcDrbdStatus status = parser.parse(slice);
        assertThat(List.of(slice.position(), slice.limit()))
                .as("the parser must leave position and limit alone")
                .containsExactly(3, 3 + data.length);
        return status;
    }

    private static ProcDrbdStatus viaReadOnlyBuffer(ProcDrbdParser parser, byte[] data) {
        ByteBuffer readOnly = ByteBuffer.wrap(data.clone()).asReadOnlyBuffer();
        ProcDrbdStatus status = parser.parse(readOnly);
        assertThat(readOnly.position()).isZero();
        return status;
    }

    private static ProcDrbdStatus viaDirectBuffer(ProcDrbdParser parser, byte[] data) {
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length + 11);
        direct.put(new byte[] {'j', 'u', 'n', 'k', '!'});
        direct.put(data);
        direct.put(new byte[] {'t', 'r', 'a', 'i', 'l', 'e'});
        direct.position(5).limit(5 + data.length);
        ProcDrbdStatus status = parser.parse(direct);
        assertThat(List.of(direct.position(), direct.limit())).containsExactly(5, 5 + data.length);
        return status;
    }

    private static ProcDrbdStatus viaFileChannel(ProcDrbdParser parser, byte[] data) throws IOException {
        Path file = Files.createTempFile("proc-drbd", ".txt");
        try {
            Files.write(file, data);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long away = Math.min(3, data.length);
                channel.position(away);
                ProcDrbdStatus status = parser.parse(channel);
                assertThat(channel.position())
                        .as("the parser must not move the channel")
                        .isEqualTo(away);
                assertThat(channel.isOpen())
                        .as("the parser must not close the channel")
                        .isTrue();
                return status;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ProcDrbdStatus viaPath(ProcDrbdParser parser, byte[] data) throws IOException {
        Path file = Files.createTempFile("proc-drbd", ".txt");
        try {
            Files.write(file, data);
            return parser.parse(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Hands out the data in chunks: one byte per read when seed is null, else random sizes from 1 to 64. */
    static final class ChunkedInputStream extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        ChunkedInputStream(byte[] data, Long seed) {
            this.data = data;
            this.random = seed == null ? null : new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int chunk = random == null ? 1 : 1 + random.nextInt(random.nextBoolean() ? 3 : 64);
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
