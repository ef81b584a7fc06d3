package io.drbd4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.model.WriteOrdering;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Both lookups by bytes find every kernel label, and nothing that is one byte off, too short or too long. */
class LabelTableTest {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @Test
    void findsEveryLabelByBytesAndByWords() {
        check(ConnectionState.values(), ConnectionState::label);
        check(Role.values(), Role::label);
        check(DiskState.values(), DiskState::label);
        check(Congestion.values(), Congestion::label);
        check(WriteOrdering.values(), WriteOrdering::label);
    }

    private static <E extends Enum<E>> void check(E[] constants, Function<E, String> label) {
        LabelTable<E> table = LabelTable.of(constants, label);
        for (E e : constants) {
            byte[] text = label.apply(e).getBytes(StandardCharsets.US_ASCII);
            byte[] padded = Arrays.copyOf(text, 40);
            Arrays.fill(padded, text.length, padded.length, (byte) ' ');
            assertThat(table.find(padded, 0, text.length)).isEqualTo(e);
            assertThat(byWords(table, text)).as(label.apply(e)).isEqualTo(e);
            assertThat(byWords(table, Arrays.copyOf(text, text.length - 1))).isNotEqualTo(e);
            byte[] longer = Arrays.copyOf(text, text.length + 1);
            longer[text.length] = 'x';
            assertThat(byWords(table, longer)).isNull();
            for (int i = 0; i < text.length; i++) {
                byte[] changed = text.clone();
                changed[i] ^= 0x20;
                assertThat(byWords(table, changed))
                        .as("%s with byte %d changed", label.apply(e), i)
                        .isNotEqualTo(e);
                assertThat(table.find(changed, 0, changed.length)).isNotEqualTo(e);
            }
        }
    }

    private static <E extends Enum<E>> E byWords(LabelTable<E> table, byte[] text) {
        if (text.length == 0 || text.length > 16) {
            return null;
        }
        byte[] padded = Arrays.copyOf(text, 16);
        return table.find((long) LONGS.get(padded, 0), (long) LONGS.get(padded, 8), text.length);
    }
}
