package io.drbd4j.exec.dialect;

import io.drbd4j.exec.Arguments;
import io.drbd4j.exec.runner.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the two dialects share: the plain {@code drbdadm <command> <resource>} operations. */
abstract class AbstractDialect implements DrbdDialect {
    static final String DRBDADM = "drbdadm";

    private final Duration timeout;

    AbstractDialect(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " (expected: positive)");
        }
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Returns {@code drbdadm word... resource}, the resource validated and always last.
     *
     * @return {@code drbdadm word... resource}, the resource validated and always last
     */
    Command drbdadm(String resource, String... words) {
        List<String> argv = new ArrayList<>();
        argv.add(DRBDADM);
        argv.addAll(List.of(words));
        argv.add(Arguments.resourceName(resource));
        return Command.of(timeout, argv);
    }

    Command command(String... argv) {
        return Command.of(timeout, argv);
    }

    UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(
                what + " cannot be expressed in the DRBD " + name() + " userland dialect");
    }

    @Override
    public Command up(String resource) {
        return drbdadm(resource, "up");
    }

    @Override
    public Command down(String resource) {
        return drbdadm(resource, "down");
    }

    @Override
    public Command attach(String resource) {
        return drbdadm(resource, "attach");
    }

    @Override
    public Command detach(String resource) {
        return drbdadm(resource, "detach");
    }

    @Override
    public Command connect(String resource) {
        return drbdadm(resource, "connect");
    }

    @Override
    public Command disconnect(String resource) {
        return drbdadm(resource, "disconnect");
    }

    @Override
    public Command primary(String resource) {
        return drbdadm(resource, "primary");
    }

    @Override
    public Command secondary(String resource) {
        return drbdadm(resource, "secondary");
    }

    @Override
    public Command resetResyncRate(String resource) {
        return drbdadm(resource, "adjust");
    }

    @Override
    public Command invalidate(String resource) {
        return drbdadm(resource, "invalidate");
    }

    @Override
    public Command invalidateRemote(String resource) {
        return drbdadm(resource, "invalidate-remote");
    }

    @Override
    public Command outdate(String resource) {
        return drbdadm(resource, "outdate");
    }

    @Override
    public Command pauseSync(String resource) {
        return drbdadm(resource, "pause-sync");
    }

    @Override
    public Command resumeSync(String resource) {
        return drbdadm(resource, "resume-sync");
    }

    @Override
    public Command verify(String resource) {
        return drbdadm(resource, "verify");
    }

    @Override
    public Command cstate(String resource) {
        return drbdadm(resource, "cstate");
    }

    @Override
    public Command dstate(String resource) {
        return drbdadm(resource, "dstate");
    }

    @Override
    public Command role(String resource) {
        return drbdadm(resource, "role");
    }

    @Override
    public Command getGi(String resource) {
        return drbdadm(resource, "get-gi");
    }

    @Override
    public Command resize(String resource) {
        return drbdadm(resource, "resize");
    }

    @Override
    public Command wipeMd(String resource) {
        return drbdadm(resource, "--", "--force", "wipe-md");
    }

    @Override
    public Command dumpMd(String resource) {
        return drbdadm(resource, "dump-md");
    }

    @Override
    public Command dump(String resource) {
        return drbdadm(resource, "dump");
    }

    @Override
    public Command version() {
        return command(DRBDADM, "--version");
    }

    @Override
    public String toString() {
        return "DRBD " + name() + " userland dialect";
    }
}
