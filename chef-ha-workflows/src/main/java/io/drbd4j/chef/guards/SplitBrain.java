package io.drbd4j.chef.guards;

import io.drbd4j.chef.engine.Condition;
import io.drbd4j.chef.engine.HostState;
import io.drbd4j.chef.engine.Pair;
import io.drbd4j.chef.engine.Side;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.core.safety.Answer;
import io.drbd4j.core.safety.DataSafety;
import io.drbd4j.core.safety.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The DRBD guard for the split-brain recovery: the split-brain signature seen from both backends, and the victim's copy discarded. */
public final class SplitBrain {
    private static final Set<DiskState> CAN_DIVERGE =
            EnumSet.of(DiskState.UP_TO_DATE, DiskState.CONSISTENT, DiskState.OUTDATED);

    private SplitBrain() {}

    /**
     * Returns both StandAlone, or one StandAlone and the other WFConnection, both with data of their own, and
     * drbd-core's {@link DataSafety} not ruling a split brain out.
     *
     * @return both StandAlone, or one StandAlone and the other WFConnection, both with data of their own, and
     *     drbd-core's {@link DataSafety} not ruling a split brain out
     */
    public static Condition seen(Pair p) {
        String k = p.name(Side.KEEPER);
        String v = p.name(Side.OTHER);
        return new Condition(
                "a split brain: " + k + " and " + v + " both StandAlone, or one StandAlone and the other WFConnection,"
                        + " both with data of their own",
                st -> why(st.host(Side.KEEPER), st.host(Side.OTHER)));
    }

    private static Optional<String> why(HostState keeper, HostState victim) {
        Optional<DeviceStatus> kd = keeper.device();
        Optional<DeviceStatus> vd = victim.device();
        String both = keeper.drbdWords() + "; " + victim.drbdWords();
        if (kd.isEmpty() || vd.isEmpty()) {
            return Optional.of(both + ": the resource is not up on both");
        }
        if (!keeper.disconnected() || !victim.disconnected()) {
            return Optional.of(both + ": no split brain (the pair is connected)");
        }
        boolean signature = signatureState(kd.get())
                && signatureState(vd.get())
                && (keeper.is(ConnectionState.STAND_ALONE) || victim.is(ConnectionState.STAND_ALONE));
        if (!signature) {
            return Optional.of(both + ": not the signature of a split brain DRBD detected");
        }
        for (Answer a : List.of(
                DataSafety.of(kd.get(), vd.get()).splitBrain(),
                DataSafety.of(vd.get(), kd.get()).splitBrain())) {
            if (a.verdict() == Verdict.NO) {
                return Optional.of(both + ": " + a.reason());
            }
        }
        return Optional.empty();
    }

    /**
     * Returns StandAlone or WFConnection with a disk that could have diverged.
     *
     * @return StandAlone or WFConnection with a disk that could have diverged
     */
    private static boolean signatureState(DeviceStatus d) {
        ConnectionState cs = d.connectionState();
        return (cs == ConnectionState.STAND_ALONE || cs == ConnectionState.WF_CONNECTION)
                && d.diskState().map(CAN_DIVERGE::contains).orElse(false);
    }

    /**
     * Returns waiting for its peer with its own data: not StandAlone, not connected, not invalidated.
     *
     * @return waiting for its peer with its own data: not StandAlone, not connected, not invalidated
     */
    public static Condition waitingWithOwnData(Pair p, Side side) {
        return Condition.of(
                p.name(side) + " waiting for its peer with its own data (not StandAlone, not invalidated)",
                st -> !st.host(side).is(ConnectionState.STAND_ALONE)
                        && st.host(side).disconnected()
                        && st.host(side).disk().map(CAN_DIVERGE::contains).orElse(false),
                st -> st.host(side).drbdWords());
    }

    /**
     * Returns the victim's data discarded: it invalidated and connecting, a SyncTarget, or synced as Secondary.
     *
     * @return the victim's data discarded: it invalidated and connecting, a SyncTarget, or synced as Secondary
     */
    public static Condition discarded(Pair p, Side victim) {
        return Condition.of(
                p.name(victim) + " discarded its data: Inconsistent and connecting, a SyncTarget, or synced as"
                        + " Secondary",
                st -> {
                    HostState s = st.host(victim);
                    if (s.is(ConnectionState.STAND_ALONE) || s.device().isEmpty()) {
                        return false;
                    }
                    return s.disk().equals(Optional.of(DiskState.INCONSISTENT))
                            || s.is(ConnectionState.SYNC_TARGET)
                            || s.is(ConnectionState.PAUSED_SYNC_T)
                            || s.syncedAs(Role.SECONDARY);
                },
                st -> st.host(victim).drbdWords());
    }
}
