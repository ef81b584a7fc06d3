package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import io.drbd4j.exec.runner.Command;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Typed drbdadm over a scripted host: the exact argv of each call in both dialects, the commands of a temporary
 * resync rate, and resource names refused before anything runs (spec drbd-commands.md §1). The queries are in {@link
 * CliDrbdAdmQueryTest}, the classification of failures in {@link CliDrbdAdmFailureTest}.
 */
class CliDrbdAdmTest extends ScriptedDrbdAdms {
    private static List<String> adm(String... words) {
        return Stream.concat(Stream.of("drbdadm"), Stream.of(words)).toList();
    }

    private static Arguments call(String name, Consumer<DrbdAdm> call, List<String> argv84, List<String> argv83) {
        return Arguments.of(name, call, argv84, argv83);
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                call("createMd", a -> a.createMd("pc0", false), adm("create-md", "pc0"), adm("create-md", "pc0")),
                call(
                        "createMd force",
                        a -> a.createMd("pc0", true),
                        adm("create-md", "--force", "pc0"),
                        adm("--", "--force", "create-md", "pc0")),
                call("up", a -> a.up("pc0"), adm("up", "pc0"), adm("up", "pc0")),
                call("down", a -> a.down("pc0"), adm("down", "pc0"), adm("down", "pc0")),
                call("attach", a -> a.attach("pc0"), adm("attach", "pc0"), adm("attach", "pc0")),
                call("detach", a -> a.detach("pc0"), adm("detach", "pc0"), adm("detach", "pc0")),
                call("connect", a -> a.connect("pc0"), adm("connect", "pc0"), adm("connect", "pc0")),
                call(
                        "connectDiscardingMyData",
                        a -> a.connectDiscardingMyData("pc0"),
                        adm("connect", "--discard-my-data", "pc0"),
                        adm("--", "--discard-my-data", "connect", "pc0")),
                call("disconnect", a -> a.disconnect("pc0"), adm("disconnect", "pc0"), adm("disconnect", "pc0")),
                call("primary", a -> a.primary("pc0"), adm("primary", "pc0"), adm("primary", "pc0")),
                call(
                        "primaryOverwritingPeer",
                        a -> a.primaryOverwritingPeer("pc0"),
                        adm("primary", "--force", "pc0"),
                        adm("--", "--overwrite-data-of-peer", "primary", "pc0")),
                call("secondary", a -> a.secondary("pc0"), adm("secondary", "pc0"), adm("secondary", "pc0")),
                call("invalidate", a -> a.invalidate("pc0"), adm("invalidate", "pc0"), adm("invalidate", "pc0")),
                call(
                        "invalidateRemote",
                        a -> a.invalidateRemote("pc0"),
                        adm("invalidate-remote", "pc0"),
                        adm("invalidate-remote", "pc0")),
                call("outdate", a -> a.outdate("pc0"), adm("outdate", "pc0"), adm("outdate", "pc0")),
                call("pauseSync", a -> a.pauseSync("pc0"), adm("pause-sync", "pc0"), adm("pause-sync", "pc0")),
                call("resumeSync", a -> a.resumeSync("pc0"), adm("resume-sync", "pc0"), adm("resume-sync", "pc0")),
                call("verify", a -> a.verify("pc0"), adm("verify", "pc0"), adm("verify", "pc0")),
                call(
                        "newCurrentUuidClearBitmap",
                        a -> a.newCurrentUuidClearBitmap("pc0"),
                        adm("new-current-uuid", "--clear-bitmap", "pc0/0"),
                        adm("--", "--clear-bitmap", "new-current-uuid", "pc0")),
                call("resetResyncRate", a -> a.resetResyncRate("pc0"), adm("adjust", "pc0"), adm("adjust", "pc0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void eachOperationRunsExactlyItsDialectsArgv(
            String name, Consumer<DrbdAdm> call, List<String> argv84, List<String> argv83) {
        scripted.expect(argv84).thenReturn(0, "", "").expect(argv83).thenReturn(0, "", "");

        call.accept(on84);
        call.accept(on83);

        assertThat(runner.argvs()).containsExactly(argv84, argv83);
        assertThat(runner.commands()).extracting(Command::timeout).containsOnly(DrbdDialect.DEFAULT_TIMEOUT);
        scripted.verifyAllRan();
    }

    @Test
    void forcePromoteOnEightThreeRunsOverwriteDataOfPeerBeforeTheCommand() {
        scripted.expect("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0")
                .thenReturn(0, "", "");

        on83.primaryOverwritingPeer("pc0");

        assertThat(runner.argvs())
                .containsExactly(List.of("drbdadm", "--", "--overwrite-data-of-peer", "primary", "pc0"));
    }

    @Test
    void temporaryResyncRateRunsEveryCommandOfThePlanInOrderAndReturnsIt() {
        List<String> buffers = List.of("drbdadm", "net-options", "--max-buffers=56320", "pc0");
        List<String> rate = List.of("drbdadm", "disk-options", "--c-plan-ahead=0", "--resync-rate=1100M", "pc0");
        scripted.expect(buffers).thenReturn(0, "", "").expect(rate).thenReturn(0, "", "");

        ResyncRatePlan plan = on84.temporaryResyncRate("pc0", 0, "1100M", RateMethod.MAX_BUFFERS);

        assertThat(runner.argvs()).containsExactly(buffers, rate);
        assertThat(plan.commands()).extracting(Command::argv).containsExactly(buffers, rate);
        assertThat(plan.expectedKiBps()).hasValue(1_126_400L);
    }

    @Test
    void temporaryResyncRateStopsAtTheFirstFailingCommand() {
        List<String> buffers = List.of("drbdadm", "net-options", "--max-buffers=56320", "pc0");
        scripted.expect(buffers).thenReturn(10, "", "pc0: Failure: (158) Unknown resource\n");

        CommandFailedException e = catchThrowableOfType(
                CommandFailedException.class,
                () -> on84.temporaryResyncRate("pc0", 0, "1100M", RateMethod.MAX_BUFFERS));

        assertThat(e.argv()).isEqualTo(buffers);
        assertThat(runner.argvs()).containsExactly(buffers);
    }

    @Test
    void eightThreeTemporaryResyncRateRunsTheDirectSyncerCall() {
        List<String> syncer = List.of("drbdsetup", "/dev/drbd0", "syncer", "-r", "1100M");
        scripted.expect(syncer).thenReturn(0, "", "");

        ResyncRatePlan plan = on83.temporaryResyncRate("pc0", 0, "1100M", RateMethod.GUIDE);

        assertThat(runner.argvs()).containsExactly(syncer);
        assertThat(plan.expectedKiBps()).hasValue(1_126_400L);
    }

    @Test
    void anUnsupportedRateMethodRunsNothing() {
        assertThatThrownBy(() -> on83.temporaryResyncRate("pc0", 0, "1100M", RateMethod.FIXED_RATE))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("DRBD 8.3");
        assertThat(runner.commands()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--force", "pc0 --force", "pc0;reboot", "", "-d"})
    void hostileResourceNamesAreRejectedBeforeAnythingRuns(String name) {
        assertThatThrownBy(() -> on84.primaryOverwritingPeer(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> on83.role(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> on83.hasValidMetaData(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> on84.temporaryResyncRate(name, 0, "1100M", RateMethod.GUIDE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.commands()).isEmpty();
    }
}
