package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.DrbdAdm;
import io.drbd4j.exec.GenerationIdentifiers;
import io.drbd4j.exec.dialect.DrbdDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drbdadm get-gi} on the simulated pair tells what the real kernel's does (drbd-testbed's
 * TypedCommandsRealTest runs the same sequence on DRBD 8.4.11): create-md's UUID while fresh, attached or down, one
 * data generation once synced, and a bitmap UUID on a Primary that lost its peer.
 */
class GenerationIdentifiersOnPairTest {
    private static DrbdAdm adm(Pairs p, String host, String dialect) {
        return new CliDrbdAdm(p.cluster.runner(host), DrbdDialect.named(dialect));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.4", "8.3"})
    void justCreatedThenOneGenerationThenABitmapUuidOnThePrimaryApart(String dialect) {
        Pairs p = Pairs.of(dialect).upFresh();
        DrbdAdm be1 = adm(p, "be1", dialect);
        DrbdAdm be2 = adm(p, "be2", dialect);
        assertThat(be1.generationIdentifiers("pc0").get(0).justCreated()).isTrue();
        p.ok("be2", "drbdadm", "down", "pc0");
        assertThat(be2.generationIdentifiers("pc0").get(0).justCreated()).isTrue();
        p.ok("be2", "drbdadm", "up", "pc0");

        p.forcePrimary("be1");
        p.advanceUntil(() -> p.node("be2").disk().label().equals("UpToDate"), java.time.Duration.ofHours(1));
        GenerationIdentifiers synced1 = be1.generationIdentifiers("pc0").get(0);
        GenerationIdentifiers synced2 = be2.generationIdentifiers("pc0").get(0);
        assertThat(synced1.justCreated()).isFalse();
        assertThat(synced1.current() & ~1L).isEqualTo(synced2.current() & ~1L);
        assertThat(synced1.tookWritesApart()).isFalse();
        assertThat(synced2.tookWritesApart()).isFalse();
        assertThat(synced1.flags()).hasSize(7);

        p.ok("be2", "drbdadm", "disconnect", "pc0");
        assertThat(be1.generationIdentifiers("pc0").get(0).tookWritesApart()).isTrue();
        assertThat(be2.generationIdentifiers("pc0").get(0).tookWritesApart()).isFalse();
    }

    @Test
    void withoutMetaDataGetGiSaysSoLikeDrbdmeta() {
        Pairs p = Pairs.of("8.4");

        CommandFailedException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                CommandFailedException.class, () -> adm(p, "be1", "8.4").generationIdentifiers("pc0"));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.stderr()).contains("No valid meta data found");
    }
}
