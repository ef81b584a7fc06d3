package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.exec.runner.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * drbdadm role, cstate and dstate where the minor does not exist: an 8.4 kernel answers the drbdsetup-84 query with
 * ERR_MINOR_INVALID (127) and the info text "unknown minor", printed by drbdsetup's {@code check_error} (exit 10),
 * as DRBD 8.4.11 with drbd-utils 9.22 did for role and cstate (real-drbd-testbed.md). dstate is drbdadm's {@code
 * adm_generic_b}: on that failure it drops drbdsetup's stderr and asks drbdmeta instead (drbd-utils
 * user/v84/drbdadm_main.c, user/shared/drbdmeta.c {@code meta_dstate}).
 */
class QueryRowsTest {
    private static String notAllocated(String query) {
        return "0: Failure: (127) Device minor not allocated\n"
                + "additional info from kernel:\n"
                + "unknown minor\n"
                + "Command 'drbdsetup-84 " + query + " 0' terminated with exit code 10\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"role", "cstate"})
    void aQueryBeforeTheFirstUpFindsNoMinorOn84(String query) {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", query, "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stdoutText()).isEmpty();
        assertThat(r.stderrText()).isEqualTo(notAllocated(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"role", "cstate"})
    void aQueryAfterDownFindsNoMinorOn84(String query) {
        Pairs p = Pairs.of("8.4").upFresh();
        p.ok("be1", "drbdadm", "down", "pc0");
        CommandResult r = p.run("be1", "drbdadm", query, "pc0");
        assertThat(r.exitCode()).isEqualTo(10);
        assertThat(r.stderrText()).isEqualTo(notAllocated(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"role", "cstate", "dstate"})
    void aMinorThatExistsWithoutDiskOrNetIsUnconfigured(String query) {
        Pairs p = Pairs.of("8.4");
        // up without meta data leaves the minor allocated, StandAlone Diskless Secondary
        p.run("be1", "drbdadm", "up", "pc0");
        assertThat(p.ok("be1", "drbdadm", query, "pc0").stdoutText()).isEqualTo("Unconfigured\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"role", "cstate", "dstate"})
    void an83KernelAnswersUnconfiguredForADownMinor(String query) {
        // 8.3 allocates every minor up to minor_count at module load: the minor exists, unconfigured
        Pairs p = Pairs.of("8.3").upFresh();
        p.ok("be1", "drbdadm", "down", "pc0");
        assertThat(p.ok("be1", "drbdadm", query, "pc0").stdoutText()).isEqualTo("Unconfigured\n");
    }

    @Test
    void dstateOfADownResourceIsDrbdmetasReadingOfTheMdFlags() {
        Pairs p = Pairs.of("8.4").synced();
        p.ok("be2", "drbdadm", "down", "pc0");
        // CONSISTENT and WAS_UP_TO_DATE without PEER_OUT_DATED: drbdmeta says Consistent (meta_dstate)
        CommandResult r = p.ok("be2", "drbdadm", "dstate", "pc0");
        assertThat(r.stdoutText()).isEqualTo("Consistent\n");
        assertThat(r.stderrText()).isEmpty();
    }

    @Test
    void dstateOfADownResourceWithoutMetaDataIsDrbdmetasFailure() {
        Pairs p = Pairs.of("8.4");
        CommandResult r = p.run("be1", "drbdadm", "dstate", "pc0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrText()).isEqualTo("No valid meta data found\n");
    }

    @Test
    void dstateOfADownFreshResourceIsInconsistent() {
        Pairs p = Pairs.of("8.4");
        p.ok("be1", "drbdadm", "create-md", "pc0");
        assertThat(p.ok("be1", "drbdadm", "dstate", "pc0").stdoutText()).isEqualTo("Inconsistent\n");
    }
}
