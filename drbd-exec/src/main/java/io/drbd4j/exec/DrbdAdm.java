package io.drbd4j.exec;

import io.drbd4j.core.model.ConnectionState;
import io.drbd4j.core.model.DiskState;
import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.core.model.Role;
import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.dialect.DrbdadmVersion;
import io.drbd4j.exec.dialect.RateMethod;
import io.drbd4j.exec.dialect.ResyncRatePlan;
import java.util.List;

/**
 * Typed {@code drbdadm} on one host. Queries return drbd-core's types; operations return normally or throw
 * {@link CommandFailedException} with the argv, exit code, output and DRBD's reason. Timeouts, start failures and
 * interrupts come from the runner ({@link io.drbd4j.exec.runner.CommandTimeoutException},
 * {@link io.drbd4j.exec.runner.CommandStartException}, {@link io.drbd4j.exec.runner.CommandInterruptedException}).
 */
public interface DrbdAdm {
    /**
     * Returns the dialect the commands are written in.
     *
     * @return the dialect the commands are written in
     */
    DrbdDialect dialect();

    /**
     * Returns the connection state of each volume.
     *
     * @param resource resource name
     * @return the connection state of each volume
     */
    List<ConnectionState> cstate(String resource);

    /**
     * Returns this node's and the peer's role of each volume.
     *
     * @param resource resource name
     * @return this node's and the peer's role of each volume
     */
    List<VolumeState<Role>> role(String resource);

    /**
     * Returns this node's and the peer's disk state of each volume.
     *
     * @param resource resource name
     * @return this node's and the peer's disk state of each volume
     */
    List<VolumeState<DiskState>> dstate(String resource);

    /**
     * Returns each volume's data generation identifiers ({@code drbdadm get-gi}).
     *
     * @param resource resource name
     * @return each volume's data generation identifiers ({@code drbdadm get-gi})
     * @throws CommandFailedException when get-gi fails (no meta data, no disk)
     */
    List<GenerationIdentifiers> generationIdentifiers(String resource);

    /**
     * Returns the peer address the kernel runs the resource with ({@code drbdsetup show}'s {@code _remote_host}), such
     * as {@code 10.0.0.2:7788}; empty when the resource has no network configuration (StandAlone after {@code
     * disconnect}, or only attached).
     *
     * @param resource resource name
     * @param minor its device minor
     * @return the peer address the kernel runs the resource with ({@code drbdsetup show}'s {@code _remote_host}), such
     *     as {@code 10.0.0.2:7788}; empty when the resource has no network configuration (StandAlone after {@code
     *     disconnect}, or only attached)
     * @throws CommandFailedException when the resource is not configured in the kernel
     */
    java.util.Optional<String> configuredPeer(String resource, int minor);

    /**
     * Returns the host's {@code /proc/drbd}, read leniently.
     *
     * @return the host's {@code /proc/drbd}, read leniently
     */
    ProcDrbdStatus status();

    /**
     * Returns false when drbdmeta reports no valid meta data on the backing disk (create-md is needed); true for clean
     * and for unclean meta data ({@link MetaDataState#VALID}, {@link MetaDataState#UNCLEAN}).
     *
     * @param resource resource name
     * @return false when drbdmeta reports no valid meta data on the backing disk (create-md is needed); true for
     *     clean and for unclean meta data ({@link MetaDataState#VALID}, {@link MetaDataState#UNCLEAN})
     * @throws CommandFailedException for any other failure, a disk in use ({@link MetaDataState#IN_USE}) included
     */
    boolean hasValidMetaData(String resource);

    /**
     * {@code drbdadm dump-md}, read as a state rather than a dump.
     *
     * @param resource resource name
     * @return what drbdmeta finds on the backing disk
     * @throws CommandFailedException when drbdmeta failed for another reason (its exit class says which)
     */
    MetaDataState metaData(String resource);

    /**
     * Runs {@code drbdadm create-md}: writes new meta data on the backing disk.
     *
     * @param resource resource name
     * @param force overwrite without asking
     */
    void createMd(String resource, boolean force);

    /**
     * Runs {@code drbdadm up}.
     *
     * @param resource resource name
     */
    void up(String resource);

    /**
     * Runs {@code drbdadm down}.
     *
     * @param resource resource name
     */
    void down(String resource);

    /**
     * Runs {@code drbdadm attach}.
     *
     * @param resource resource name
     */
    void attach(String resource);

    /**
     * Runs {@code drbdadm detach}.
     *
     * @param resource resource name
     */
    void detach(String resource);

    /**
     * Runs {@code drbdadm connect}.
     *
     * @param resource resource name
     */
    void connect(String resource);

    /**
     * Connects and throws away this node's changes ({@code drbdadm connect} discarding my data).
     *
     * @param resource resource name: connect and throw away this node's changes
     */
    void connectDiscardingMyData(String resource);

    /**
     * Runs {@code drbdadm disconnect}.
     *
     * @param resource resource name
     */
    void disconnect(String resource);

    /**
     * Runs {@code drbdadm primary}.
     *
     * @param resource resource name
     */
    void primary(String resource);

    /**
     * Promotes this node and makes its data the one the peer gets ({@code drbdadm primary}, forced).
     *
     * @param resource resource name: promote and make this node's data the one the peer gets
     */
    void primaryOverwritingPeer(String resource);

    /**
     * Runs {@code drbdadm secondary}.
     *
     * @param resource resource name
     */
    void secondary(String resource);

    /**
     * Runs {@code drbdadm invalidate}.
     *
     * @param resource resource name
     */
    void invalidate(String resource);

    /**
     * Runs {@code drbdadm invalidate-remote}.
     *
     * @param resource resource name
     */
    void invalidateRemote(String resource);

    /**
     * Runs {@code drbdadm outdate}.
     *
     * @param resource resource name
     */
    void outdate(String resource);

    /**
     * Runs {@code drbdadm pause-sync}.
     *
     * @param resource resource name
     */
    void pauseSync(String resource);

    /**
     * Runs {@code drbdadm resume-sync}.
     *
     * @param resource resource name
     */
    void resumeSync(String resource);

    /**
     * Runs {@code drbdadm verify}.
     *
     * @param resource resource name
     */
    void verify(String resource);

    /**
     * Runs {@code drbdadm new-current-uuid --clear-bitmap}.
     *
     * @param resource resource name
     */
    void newCurrentUuidClearBitmap(String resource);

    /**
     * Returns what ran and the rate to expect.
     *
     * @param resource resource name
     * @param minor its minor
     * @param rate such as {@code 1100M}
     * @param method which way
     * @return what ran and the rate to expect
     */
    ResyncRatePlan temporaryResyncRate(String resource, int minor, String rate, RateMethod method);

    /**
     * Puts every option back to the configuration ({@code drbdadm adjust}).
     *
     * @param resource resource name: {@code drbdadm adjust}, every option back to the configuration
     */
    void resetResyncRate(String resource);

    /**
     * Returns the configuration as drbdadm parsed it.
     *
     * @param resource resource name
     * @return the configuration as drbdadm parsed it
     */
    String dump(String resource);

    /**
     * Returns what {@code drbdadm --version} says.
     *
     * @return what {@code drbdadm --version} says
     */
    DrbdadmVersion version();
}
