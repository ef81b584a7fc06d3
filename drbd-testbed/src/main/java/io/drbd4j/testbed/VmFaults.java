package io.drbd4j.testbed;

import io.drbd4j.exec.Arguments;
import io.drbd4j.testkit.PairFaults;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test kit's faults on a {@link RealDrbdPair}, with the same names and meaning: a crash kills the VM's qemu
 * (nothing the guest did not write survives), a reboot boots the same disks again and waits for ssh, a partition
 * takes the replication NIC's link down on both VMs (qemu's {@code set_link}), a replacement boots a blank VM with
 * new disks in the lost one's place on the replication link.
 */
public final class VmFaults implements PairFaults {
    private static final Logger LOG = LoggerFactory.getLogger(VmFaults.class);

    private final PairVms vms;
    private final Set<String> gone = new HashSet<>();

    VmFaults(PairVms vms) {
        this.vms = vms;
    }

    @Override
    public void crash(String host) {
        LOG.info("fault: crash {}", host);
        VirtualMachine vm = vms.vm(host);
        if (!vm.isRunning()) {
            throw new IllegalStateException(host + " is not running (expected: a running host to crash)");
        }
        vm.kill();
    }

    @Override
    public void reboot(String host) {
        LOG.info("fault: reboot {}", host);
        VirtualMachine vm = vms.vm(host);
        if (gone.contains(host)) {
            throw new IllegalStateException(host + " crashed for good (expected: a crashed host that can boot)");
        }
        vm.kill();
        vms.boot(List.of(vm));
    }

    @Override
    public void crashForGood(String host) {
        LOG.info("fault: crash {} for good", host);
        vms.vm(host).kill();
        gone.add(host);
    }

    /**
     * Returns whether it crashed for good (or was replaced).
     *
     * @param host a host name
     * @return whether it crashed for good (or was replaced)
     */
    public boolean isGone(String host) {
        return gone.contains(host);
    }

    @Override
    public void partition() {
        LOG.info("fault: partition");
        vms.linkState(false);
    }

    @Override
    public void heal() {
        LOG.info("fault: heal");
        vms.linkState(true);
    }

    @Override
    public void replaceHost(String lost, String name, String address) {
        LOG.info("fault: replace {} by {} ({})", lost, name, address);
        Arguments.hostName(name);
        VirtualMachine old = vms.vm(lost);
        VirtualMachine.Slot s = old.slot();
        if (!address.startsWith(
                s.replicationAddress().substring(0, s.replicationAddress().lastIndexOf('.') + 1))) {
            throw new IllegalArgumentException("replication address " + address + " (expected: on the link's network "
                    + s.replicationAddress() + "/" + s.prefix() + ")");
        }
        VirtualMachine.Slot slot =
                new VirtualMachine.Slot(s.index(), s.sshPort(), s.udpLocal(), s.udpRemote(), address, s.prefix());
        VirtualMachine replacement = vms.newVm(name, slot);
        vms.replace(lost, replacement);
        gone.add(lost);
        vms.boot(List.of(replacement));
    }
}
