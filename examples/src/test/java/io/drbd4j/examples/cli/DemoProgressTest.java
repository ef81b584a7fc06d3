package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.SyncReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoProgressTest {
    @Test
    void barShowsPercentLeftSpeedAndEta() {
        SyncReport report = SyncReport.builder()
                .host("be1")
                .state("be1: SyncSource Primary/Secondary UpToDate/Inconsistent")
                .perMille(275)
                .leftKiB(7_602_176)
                .speedKiBps(195_584)
                .eta(Duration.ofSeconds(38))
                .build();

        assertThat(DemoProgress.bar(report))
                .isEqualTo("[=====>..............]  27.5%  left 7,602,176 KiB  195,584 KiB/s  ETA 0:00:38");
    }

    @Test
    void fullBarHasNoArrow() {
        SyncReport report = SyncReport.builder()
                .host("be1")
                .state("be1")
                .perMille(1000)
                .leftKiB(0)
                .build();

        assertThat(DemoProgress.bar(report)).isEqualTo("[====================] 100.0%  left 0 KiB");
    }

    @Test
    void clockIsHoursMinutesSeconds() {
        assertThat(DemoProgress.clock(Duration.ofSeconds(3 * 3600 + 5 * 60 + 7)))
                .isEqualTo("3:05:07");
    }
}
