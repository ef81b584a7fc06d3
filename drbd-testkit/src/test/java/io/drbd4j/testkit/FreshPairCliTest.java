package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.VolumeState;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A fresh pair to UpToDate/UpToDate through drbd-exec's CliDrbdAdm, both dialects. */
class FreshPairCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"8.3", "8.4"})
    void freshPairSyncsThroughCliDrbdAdm(String version) throws InterruptedException {
        Pairs p = Pairs.of(version);
        DrbdDialect dialect = version.equals("8.3") ? DrbdDialect.drbd83() : DrbdDialect.drbd84();
        CliDrbdAdm be1 = new CliDrbdAdm(p.cluster.runner("be1"), dialect);
        CliDrbdAdm be2 = new CliDrbdAdm(p.cluster.runner("be2"), dialect);
        for (CliDrbdAdm adm : List.of(be1, be2)) {
            assertThat(adm.hasValidMetaData("pc0")).isFalse();
            adm.createMd("pc0", true);
            assertThat(adm.hasValidMetaData("pc0")).isTrue();
            adm.up("pc0");
        }
        assertThat(be1.cstate("pc0")).containsExactly(ConnectionState.CONNECTED);
        be1.primaryOverwritingPeer("pc0");
        assertThat(be2.cstate("pc0")).containsExactly(ConnectionState.SYNC_TARGET);
        Duration waited = Duration.ZERO;
        while (be2.dstate("pc0").get(0).local().orElseThrow() != DiskState.UP_TO_DATE) {
            assertThat(waited).as(p.events()).isLessThan(Duration.ofMinutes(5));
            DeviceStatus d = be1.status().devices().get(0);
            assertThat(d.sync()).isPresent();
            p.cluster.time().sleep(Duration.ofSeconds(2));
            waited = waited.plusSeconds(2);
        }
        assertThat(be1.dstate("pc0")).containsExactly(VolumeState.of(DiskState.UP_TO_DATE, DiskState.UP_TO_DATE));
        assertThat(be1.role("pc0")).containsExactly(VolumeState.of(Role.PRIMARY, Role.SECONDARY));
        assertThat(be2.status().devices().get(0).connectionState()).isEqualTo(ConnectionState.CONNECTED);
        // 1 GiB at the 40,960 KiB/s cap (8.4.11 max-buffers; 8.3.16 fixed rate 40M): 25.6 s
        assertThat(waited).isEqualTo(Duration.ofSeconds(26));
    }
}
