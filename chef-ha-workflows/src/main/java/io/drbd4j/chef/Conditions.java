package io.drbd4j.chef;

import io.drbd4j.core.DrbdException;
import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.CliDrbdAdm;
import io.drbd4j.exec.CommandFailedException;
import io.drbd4j.exec.MetaDataState;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.util.List;
import java.util.Optional;

/** The guard primitives of chef-ha-procedures.md §3 (G-DRBD, G-MD, G-FS, G-MNT, G-KA) as {@link Condition}s. */
final class Conditions {
    private Conditions() {}

    private static String n(ChefHaCluster cluster, boolean primary) {
        return primary ? cluster.primary() : cluster.secondaryBackend().name();
    }

    private static HostState h(LiveState s, boolean primary) {
        return primary ? s.primary() : s.secondary();
    }

    /** G-DRBD: Connected, both disks Inconsistent (a fresh pair, nothing written yet). */
    static Condition bothInconsistentConnected(ChefHaCluster c) {
        return Condition.of(
                "both disks Inconsistent and Connected",
                s -> s.primary().is(ConnectionState.CONNECTED)
                        && s.primary().disk().equals(Optional.of(DiskState.INCONSISTENT))
                        && s.primary().peerDisk().equals(Optional.of(DiskState.INCONSISTENT)),
                s -> s.primary().drbdWords());
    }

    /** G-DRBD: both Connected Secondary/Secondary Inconsistent/Inconsistent, as after create-md and up on both. */
    static Condition freshPairConnected(ChefHaCluster c) {
        return Condition.of(
                n(c, true) + " and " + n(c, false) + " Connected Secondary/Secondary Inconsistent/Inconsistent",
                s -> s.primary().is(ConnectionState.CONNECTED)
                        && s.primary().role().equals(Optional.of(Role.SECONDARY))
                        && s.primary().peerRole().equals(Optional.of(Role.SECONDARY))
                        && s.primary().disk().equals(Optional.of(DiskState.INCONSISTENT))
                        && s.primary().peerDisk().equals(Optional.of(DiskState.INCONSISTENT)),
                s -> s.primary().drbdWords());
    }

    /** The drbd_ready sentinel absent on the given backends. */
    static Condition readyAbsent(ChefHaCluster c, boolean... primaries) {
        List<String> names = new java.util.ArrayList<>();
        for (boolean p : primaries) {
            names.add(n(c, p));
        }
        return Condition.of(
                "drbd_ready absent on " + String.join(" and ", names),
                s -> {
                    for (boolean p : primaries) {
                        if (h(s, p).ready()) {
                            return false;
                        }
                    }
                    return true;
                },
                s -> {
                    for (boolean p : primaries) {
                        if (h(s, p).ready()) {
                            return c.readyFile() + " present on " + h(s, p).name();
                        }
                    }
                    return "drbd_ready absent";
                });
    }

    static Condition readyPresent(ChefHaCluster c, boolean primary) {
        return Condition.of(
                "drbd_ready present on " + n(c, primary),
                s -> h(s, primary).ready(),
                s -> c.readyFile() + " absent on " + h(s, primary).name());
    }

    static Condition role(ChefHaCluster c, boolean primary, Role role) {
        return Condition.of(
                n(c, primary) + " " + role.label(),
                s -> h(s, primary).role().equals(Optional.of(role)),
                s -> h(s, primary).drbdWords());
    }

    /** The local role and an UpToDate local disk. */
    static Condition roleUpToDate(ChefHaCluster c, boolean primary, Role role) {
        return Condition.of(
                n(c, primary) + " " + role.label() + " with UpToDate data",
                s -> h(s, primary).role().equals(Optional.of(role))
                        && h(s, primary).disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                s -> h(s, primary).drbdWords());
    }

    /** G-DRBD: a resync running to this node. */
    static Condition syncTarget(ChefHaCluster c, boolean primary) {
        return Condition.of(
                "a resync running to " + n(c, primary) + " (SyncTarget)",
                s -> h(s, primary).is(ConnectionState.SYNC_TARGET)
                        || h(s, primary).is(ConnectionState.PAUSED_SYNC_T),
                s -> h(s, primary).drbdWords());
    }

    /** G-DRBD: Connected, both UpToDate, with this local role. */
    static Condition synced(ChefHaCluster c, boolean primary, Role local) {
        Role peer = local == Role.PRIMARY ? Role.SECONDARY : Role.PRIMARY;
        return Condition.of(
                n(c, primary) + " Connected " + local.label() + "/" + peer.label() + " UpToDate/UpToDate",
                s -> h(s, primary).syncedAs(local) && h(s, primary).peerRole().equals(Optional.of(peer)),
                s -> h(s, primary).drbdWords());
    }

    /** G-FS: no filesystem on the DRBD device (blkid); read only where the device can be opened (Primary). */
    static Condition noFilesystem(ChefHaCluster c, boolean primary) {
        return Condition.of(
                c.device() + " holds no filesystem (blkid)",
                s -> h(s, primary).filesystem().isEmpty(),
                s -> c.device() + " on " + h(s, primary).name() + " holds "
                        + h(s, primary).filesystem().orElse("") + " (a filesystem: Chef's data)");
    }

    static Condition hasFilesystem(ChefHaCluster c, boolean primary) {
        return Condition.of(
                c.device() + " holds a filesystem",
                s -> h(s, primary).filesystem().isPresent(),
                s -> c.device() + " on " + h(s, primary).name() + " holds no filesystem");
    }

    /** G-MNT: the DRBD filesystem mounted. */
    static Condition mounted(ChefHaCluster c, boolean primary) {
        return Condition.of(
                c.mountPoint() + " mounted on " + n(c, primary),
                s -> h(s, primary).mounted(),
                s -> c.mountPoint() + " not mounted on " + h(s, primary).name());
    }

    static Condition notMounted(ChefHaCluster c, boolean primary) {
        return Condition.of(
                "nothing mounted on " + c.mountPoint() + " on " + n(c, primary),
                s -> !h(s, primary).mounted(),
                s -> c.mountPoint() + " mounted on " + h(s, primary).name());
    }

    /** G-KA: keepalived running and current_cluster_status as given. */
    static Condition clusterRole(ChefHaCluster c, boolean primary, String role) {
        return Condition.of(
                n(c, primary) + " " + role + " (keepalived running, current_cluster_status " + role + ")",
                s -> h(s, primary).clusterRole(role),
                s -> h(s, primary).clusterWords());
    }

    /** G-KA and G-SVC: master, with every HA service running (cluster.sh master completed). */
    static Condition masterServing(ChefHaCluster c, boolean primary) {
        return Condition.of(
                n(c, primary) + " master with its HA services running",
                s -> h(s, primary).clusterRole("master") && h(s, primary).haServicesRunning(),
                s -> h(s, primary).clusterWords() + ", HA services "
                        + h(s, primary).haServices());
    }

    /** The local disk UpToDate, whatever the role. */
    static Condition upToDate(ChefHaCluster c, boolean primary) {
        return Condition.of(
                n(c, primary) + " UpToDate",
                s -> h(s, primary).disk().equals(Optional.of(DiskState.UP_TO_DATE)),
                s -> h(s, primary).drbdWords());
    }

    /** The peer is not Primary (DRBD refuses a second Primary while connected; this says it before trying). */
    static Condition peerNotPrimary(ChefHaCluster c, boolean primary) {
        return Condition.of(
                "its peer not Primary",
                s -> !h(s, primary).peerRole().equals(Optional.of(Role.PRIMARY)),
                s -> h(s, primary).drbdWords());
    }

    /** The resource configured (up) on this backend. */
    static Condition up(ChefHaCluster c, boolean primary) {
        return Condition.of(
                c.resource() + " up on " + n(c, primary),
                s -> h(s, primary).device().isPresent(),
                s -> h(s, primary).drbdWords());
    }

    /** G-MD: drbdmeta finds valid DRBD meta data on the backing disk ({@code drbdadm dump-md}). */
    static Condition metaData(ChefHaCluster c, boolean primary, DrbdDialect dialect, boolean valid) {
        String name = n(c, primary);
        return Condition.of(
                valid
                        ? "valid DRBD meta data on " + name + " (dump-md)"
                        : "dump-md on " + name + " finds no valid meta data",
                s -> hasMetaData(c, s, primary, dialect) == valid,
                s -> valid ? "no valid meta data on " + name : "valid DRBD meta data on " + name);
    }

    /**
     * Unclean meta data ({@code Found meta data is "unclean", please apply-al first}, drbdmeta.c meta_dump_md) is
     * valid meta data: DRBD 8.4 leaves it so after a crash and after a clean down, and {@code up} applies the
     * activity log first. A backing disk that drbdmeta cannot open exclusively ({@code Exclusive open failed},
     * drbdmeta.c v07_style_md_open_device) is in use, so its meta data is attached.
     */
    private static boolean hasMetaData(ChefHaCluster c, LiveState s, boolean primary, DrbdDialect dialect) {
        HostState host = h(s, primary);
        if (host.device().isPresent()) {
            return true; // up: dump-md refuses ("Device '0' is configured!"), and an attached disk has meta data
        }
        String name = host.name();
        try {
            MetaDataState state = new CliDrbdAdm(c.backend(name).runner(), dialect).metaData(c.resource());
            return state.present();
        } catch (CommandFailedException e) {
            throw new StateUnknownException(
                    name,
                    "cannot tell whether " + name + " has DRBD meta data: " + e.getMessage(),
                    "read drbdmeta's message above: " + name + " answered, but drbdmeta could not read the meta data"
                            + " of " + c.resource() + "'s backing disk; look at that disk (and drbdadm dump-md "
                            + c.resource() + " on " + name + ") before anything writes to it",
                    e);
        } catch (DrbdException e) {
            throw new StateUnknownException(
                    name, "cannot tell whether " + name + " has DRBD meta data: " + e.getMessage(), e);
        }
    }

    /** The files hold the same bytes on both backends (read with {@code cat}; never logged: they hold secrets). */
    static Condition filesCopied(ChefHaCluster c, boolean toPrimary, List<String> paths) {
        String from = n(c, !toPrimary);
        String to = n(c, toPrimary);
        return Condition.of(
                String.join(", ", paths) + " on " + to + " the same as on " + from,
                s -> paths.stream().allMatch(p -> {
                    Optional<byte[]> there = h(s, toPrimary).contents(p);
                    return there.isPresent()
                            && java.util.Arrays.equals(
                                    there.get(), h(s, !toPrimary).contents(p).orElse(null));
                }),
                s -> "the files on " + to + " differ from " + from + "'s or are missing");
    }

    /** The files exist on that backend. */
    static Condition filesExist(ChefHaCluster c, boolean primary, List<String> paths) {
        return Condition.of(
                String.join(", ", paths) + " present on " + n(c, primary),
                s -> paths.stream().allMatch(h(s, primary)::exists),
                s -> paths.stream()
                                .filter(p -> !h(s, primary).exists(p))
                                .findFirst()
                                .orElse("?")
                        + " absent on " + h(s, primary).name());
    }
}
