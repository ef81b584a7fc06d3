package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** drbd-state-machine §3.2: the checks before the UUID handshake that the Chef config can hit. */
class PreHandshakeTest {
    @Test
    void aSharedSecretMismatchLeavesBothStandAlone() {
        Pairs p = new Pairs(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", "8.4", "8.4.11")
                .host("be2", "10.0.0.2", "8.4", "8.4.11")
                .sharedSecret("be2", "regenerated")
                .seed(42)
                .build());
        p.ok("be1", "drbdadm", "create-md", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        p.ok("be2", "drbdadm", "create-md", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.state("be2")).startsWith("cs:StandAlone ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be1: Authentication of peer failed"))
                .anyMatch(l -> l.endsWith("be2: Discarding network configuration."));
    }

    @Test
    void aDisklessPrimaryCannotConnectToAReplacedPeer() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "detach", "pc0");
        p.ok("be2", "drbdadm", "down", "pc0");
        assertThat(p.state("be1")).startsWith("cs:WFConnection ro:Primary/Unknown ds:Diskless/DUnknown");
        // the peer is rebuilt with fresh metadata (Chef W5): no longer the data generation be1 lost last
        p.ok("be2", "drbdadm", "create-md", "--force", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Primary/Unknown ds:Diskless/DUnknown");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.cluster.eventLog()).anyMatch(l -> l.contains("be1: Can only connect to data with current UUID="));
    }

    @Test
    void aDisklessPrimaryReconnectsToThePeerHoldingItsData() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be1", "drbdadm", "detach", "pc0");
        p.cluster.link(false);
        p.cluster.link(true);
        assertThat(p.state("be1")).startsWith("cs:Connected ro:Primary/Secondary ds:Diskless/UpToDate");
        assertThat(p.state("be2")).startsWith("cs:Connected ro:Secondary/Primary ds:UpToDate/Diskless");
    }

    @Test
    void aSmallerReplacementDiskMakesTheNodeWithTheDataDrop() {
        Pairs p = new Pairs(SimulatedDrbdCluster.builder()
                .host("be1", "10.0.0.1", "8.4", "8.4.11")
                .host("be2", "10.0.0.2", "8.4", "8.4.11")
                .backingSize("be2", Pairs.GIB / 2)
                .seed(42)
                .build());
        p.ok("be1", "drbdadm", "create-md", "pc0");
        p.ok("be1", "drbdadm", "up", "pc0");
        p.ok("be1", "drbdadm", "primary", "--force", "pc0");
        p.ok("be2", "drbdadm", "create-md", "pc0");
        p.ok("be2", "drbdadm", "up", "pc0");
        assertThat(p.state("be1")).startsWith("cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown");
        assertThat(p.state("be2")).startsWith("cs:WFConnection ro:Secondary/Unknown ds:Inconsistent/DUnknown");
        assertThat(p.cluster.eventLog())
                .anyMatch(l -> l.endsWith("be1: The peer's disk size is too small! (1048472 < 2097016 sectors)"));
    }
}
