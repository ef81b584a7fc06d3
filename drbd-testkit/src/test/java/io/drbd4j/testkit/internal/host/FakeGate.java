package io.drbd4j.testkit.internal.host;

/** A DRBD layer stand-in for one {@code /dev/drbd0}: a role and an open count, demotion refused while open. */
final class FakeGate implements DeviceGate {
    boolean primary;
    boolean promotable = true;
    int openCount;

    @Override
    public boolean isDrbd(String device) {
        return device.startsWith("/dev/drbd");
    }

    @Override
    public boolean canOpen(String device) {
        return primary;
    }

    @Override
    public void opened(String device) {
        openCount++;
    }

    @Override
    public void closed(String device) {
        openCount--;
    }

    @Override
    public boolean promote(String device) {
        if (promotable) {
            primary = true;
        }
        return primary;
    }

    @Override
    public boolean demote(String device) {
        if (openCount > 0) {
            return false;
        }
        primary = false;
        return true;
    }
}
