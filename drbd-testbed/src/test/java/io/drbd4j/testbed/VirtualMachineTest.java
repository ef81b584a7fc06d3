package io.drbd4j.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The qemu command line and the builder's checks, without booting anything. */
class VirtualMachineTest {
    private static final VirtualMachine.Slot SLOT = new VirtualMachine.Slot(1, 40022, 41002, 41001, "10.99.0.2", 24);

    private static String after(List<String> argv, String option, String prefix) {
        for (int i = 0; i < argv.size() - 1; i++) {
            if (argv.get(i).equals(option) && argv.get(i + 1).startsWith(prefix)) {
                return argv.get(i + 1);
            }
        }
        throw new AssertionError(option + " " + prefix + "... not in " + argv);
    }

    @Test
    void theVmRunsUnderTcgAndReachesNothingButLoopback() {
        List<String> argv = argvWithImage();

        assertThat(argv).containsSequence("-accel", "tcg");
        assertThat(after(argv, "-netdev", "user,"))
                .isEqualTo("user,id=mgmt,restrict=on,hostfwd=tcp:127.0.0.1:40022-:22");
        assertThat(after(argv, "-netdev", "socket,"))
                .isEqualTo("socket,id=repl,udp=127.0.0.1:41001,localaddr=127.0.0.1:41002");
        assertThat(after(argv, "-device", "virtio-net-pci,netdev=repl"))
                .isEqualTo("virtio-net-pci,netdev=repl,mac=52:54:00:99:00:02,romfile=");
        assertThat(after(argv, "-append", "console="))
                .contains("drbd4j.host=be2 drbd4j.repl=10.99.0.2/24 drbd4j.replmac=52:54:00:99:00:02")
                .doesNotContain("replrate");
        assertThat(after(argv, "-drive", "file=/tmp/tb/be2-drbd.img"))
                .endsWith(",format=raw,if=virtio,cache=writeback");
    }

    @Test
    void aReplicationRateGoesToTheKernelCommandLine() {
        VirtualMachine vm = new VirtualMachine("be2", SLOT, image(), Path.of("/tmp/tb"));

        assertThat(after(vm.argv(512, Optional.of("40mbit"), false), "-append", "console="))
                .endsWith(" drbd4j.replrate=40mbit");
    }

    @Test
    void unpreparedStorageGoesToTheKernelCommandLineOnlyWhenAsked() {
        VirtualMachine vm = new VirtualMachine("be2", SLOT, image(), Path.of("/tmp/tb"));

        assertThat(after(vm.argv(512, Optional.empty(), true), "-append", "console="))
                .endsWith(" drbd4j.storage=unprepared");
        assertThat(after(argvWithImage(), "-append", "console=")).doesNotContain("drbd4j.storage");
    }

    @Test
    void theBuilderRefusesWhatTheTestBedCannotRun() {
        assertThatThrownBy(() -> RealDrbdPair.builder().backingSize(1L << 20))
                .hasMessage("backing size 1048576 B (expected: 16 MiB or more)");
        assertThatThrownBy(() -> RealDrbdPair.builder().replicationRate("40mbit; reboot"))
                .hasMessage("replication rate 40mbit; reboot (expected: such as 40mbit or 800kbit)");
        assertThatThrownBy(() -> RealDrbdPair.builder().hosts("be1", "-oProxyCommand=x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> argvWithImage() {
        return new VirtualMachine("be2", SLOT, image(), Path.of("/tmp/tb")).argv(512, Optional.empty(), false);
    }

    private static TestbedImage image() {
        return TestbedImage.at(Path.of("/cache/key"));
    }
}
