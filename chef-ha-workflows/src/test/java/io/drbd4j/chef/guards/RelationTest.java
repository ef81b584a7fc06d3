package io.drbd4j.chef.guards;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.DataRelation;
import io.drbd4j.exec.GenerationIdentifiers;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Generations#relation}: the verdicts on generation identifiers as {@code drbdadm get-gi} prints them, each
 * shape the way the 8.4 kernel leaves it (current:bitmap:history1:history2:flags).
 */
class RelationTest {
    private static Optional<GenerationIdentifiers> gi(String line) {
        return Optional.of(GenerationIdentifiers.parse(line));
    }

    @Test
    void equalCurrentUuidsAreTheSameDataWhateverThePrimaryBit() {
        assertThat(Generations.relation(
                        gi("352CCCFC0946B8F1:0000000000000000:552CF1E4A8AB85DC:0000000000000004:1:1:1:1:0:0:0"),
                        gi("352CCCFC0946B8F0:0000000000000000:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0")))
                .isEqualTo(DataRelation.SAME);
    }

    @Test
    void aNodeThatWroteWhileApartKeepsThePeersCurrentAsItsBitmapAndIsNewer() {
        // be1 took writes while the link was cut: its old current moved into its bitmap slot
        Optional<GenerationIdentifiers> be1 =
                gi("F7BED9D4B5F30868:352CCCFC0946B8F1:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0");
        Optional<GenerationIdentifiers> be2 =
                gi("352CCCFC0946B8F0:0000000000000000:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0");

        assertThat(Generations.relation(be1, be2)).isEqualTo(DataRelation.FIRST_NEWER);
        assertThat(Generations.relation(be2, be1)).isEqualTo(DataRelation.SECOND_NEWER);
    }

    @Test
    void aPeersCurrentInTheHistoryIsAnOlderGeneration() {
        Optional<GenerationIdentifiers> newer =
                gi("7A1B2C3D4E5F6070:0000000000000000:352CCCFC0946B8F0:552CF1E4A8AB85DC:1:1:0:0:0:0:0");
        Optional<GenerationIdentifiers> older =
                gi("352CCCFC0946B8F0:0000000000000000:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0");

        assertThat(Generations.relation(newer, older)).isEqualTo(DataRelation.FIRST_NEWER);
        assertThat(Generations.relation(older, newer)).isEqualTo(DataRelation.SECOND_NEWER);
    }

    @Test
    void bothMovedOnFromOneGenerationIsASplitBrain() {
        assertThat(Generations.relation(
                        gi("F7BED9D4B5F30868:352CCCFC0946B8F0:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0"),
                        gi("0A0B0C0D0E0F1010:352CCCFC0946B8F0:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0")))
                .isEqualTo(DataRelation.DIVERGED);
    }

    @Test
    void unrelatedDataOrMissingMetaDataGivesNoVerdict() {
        assertThat(Generations.relation(
                        gi("F7BED9D4B5F30868:0000000000000000:1111111111111110:0000000000000000:1:1:0:0:0:0:0"),
                        gi("0A0B0C0D0E0F1010:0000000000000000:2222222222222220:0000000000000000:1:1:0:0:0:0:0")))
                .isEqualTo(DataRelation.UNKNOWN);
        assertThat(Generations.relation(
                        Optional.empty(),
                        gi("0A0B0C0D0E0F1010:0000000000000000:2222222222222220:0000000000000000:1:1:0:0:0:0:0")))
                .isEqualTo(DataRelation.UNKNOWN);
    }

    @Test
    void freshMetaDataIsOlderThanAnyData() {
        Optional<GenerationIdentifiers> fresh =
                gi("0000000000000004:0000000000000000:0000000000000000:0000000000000000:0:0:0:0:0:0:0");
        Optional<GenerationIdentifiers> data =
                gi("352CCCFC0946B8F0:0000000000000000:552CF1E4A8AB85DC:0000000000000004:1:1:0:0:0:0:0");

        assertThat(Generations.relation(fresh, data)).isEqualTo(DataRelation.SECOND_NEWER);
        assertThat(Generations.relation(fresh, fresh)).isEqualTo(DataRelation.SAME);
    }
}
