package io.drbd4j.core.proc;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.Congestion;
import io.drbd4j.core.model.IoFlags;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelFlagsTest {
    @Test
    void everySharedValueIsTheOneItsBytesDescribe() {
        int checked = 0;
        for (char s : new char[] {'r', 's'}) {
            for (char a : new char[] {'-', 'a'}) {
                for (char p : new char[] {'-', 'p'}) {
                    for (char u : new char[] {'-', 'u'}) {
                        for (char c : new char[] {'-', 'd', 'c', 'b', 'n', 'a'}) {
                            for (char al : new char[] {'-', 's'}) {
                                String raw = "" + s + a + p + u + c + al;
                                byte[] bytes = raw.getBytes(StandardCharsets.US_ASCII);
                                IoFlags expected = IoFlags.builder()
                                        .raw(raw)
                                        .ioSuspended(s == 's')
                                        .pausedByDependency(a == 'a')
                                        .pausedByPeer(p == 'p')
                                        .pausedByUser(u == 'u')
                                        .congestion(Congestion.fromLabel(String.valueOf(c)))
                                        .activityLogSuspended(al == 's')
                                        .build();
                                assertThat(KernelFlags.lookup(bytes, 0, 6))
                                        .as(raw)
                                        .isEqualTo(expected);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(192);
    }

    @Test
    void leavesEverythingElseToTheCaller() {
        assertThat(KernelFlags.lookup("r---".getBytes(StandardCharsets.US_ASCII), 0, 4))
                .isNull();
        assertThat(KernelFlags.lookup("r---\0-".getBytes(StandardCharsets.ISO_8859_1), 0, 6))
                .isNull();
        assertThat(KernelFlags.lookup("r]--x-".getBytes(StandardCharsets.US_ASCII), 0, 6))
                .isNull();
        assertThat(KernelFlags.lookup("x r---n- y".getBytes(StandardCharsets.US_ASCII), 2, 6)
                        .congestion())
                .isEqualTo(Optional.of(Congestion.NETWORK));
    }
}
