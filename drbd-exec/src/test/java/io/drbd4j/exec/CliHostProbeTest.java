package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drbd4j.core.model.ProcDrbdStatus;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CliHostProbe} against this machine through {@link CommonsExecRunner}: the real cat, test, blkid, mkfs.ext4
 * (e2fsprogs) and ss (iproute2) answer. The answers a machine without DRBD cannot give are in {@code
 * CliHostProbeScriptedTest}.
 */
class CliHostProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommonsExecRunner runner = CommonsExecRunner.create();
    private final HostProbe probe = new CliHostProbe(runner, TIMEOUT);

    @TempDir
    Path dir;

    @Test
    void mountsListProcAsProc() {
        assertThat(probe.mounts())
                .anySatisfy(m -> {
                    assertThat(m.mountPoint()).isEqualTo("/proc");
                    assertThat(m.type()).isEqualTo("proc");
                    assertThat(m.source()).isEqualTo("proc");
                })
                .anySatisfy(m -> assertThat(m.mountPoint()).isEqualTo("/"));
    }

    @Test
    void mountAtProcIsTheProcFilesystem() {
        Mount proc = probe.mountAt("/proc").orElseThrow();

        assertThat(proc.mountPoint()).isEqualTo("/proc");
        assertThat(proc.type()).isEqualTo("proc");
        assertThat(proc.options()).startsWith("r");
    }

    @Test
    void aMountReachedThroughASymbolicLinkIsFoundUnderItsResolvedPath() throws IOException {
        // The kernel lists a mount under the resolved path, as the test bed's /var/opt/opscode -> /persist/... shows.
        Path link = Files.createSymbolicLink(dir.resolve("proc-link"), Path.of("/proc"));

        Mount proc = probe.mountAt(link.toString()).orElseThrow();

        assertThat(proc.mountPoint()).isEqualTo("/proc");
        assertThat(proc.type()).isEqualTo("proc");
    }

    @Test
    void nodeNameIsTheKernelsHostName() throws IOException {
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();

        assertThat(probe.nodeName()).isEqualTo(hostname);
    }

    @Test
    void addressesIncludeLoopbackWithoutThePrefixLength() {
        assertThat(probe.addresses()).contains("127.0.0.1").allSatisfy(a -> assertThat(a)
                .doesNotContain("/"));
    }

    @Test
    void aFreshDirectoryIsNoMountPoint() throws IOException {
        Path fresh = Files.createDirectory(dir.resolve("mnt"));

        assertThat(probe.mountAt(fresh.toString())).isEmpty();
        assertThat(probe.mountAt(dir.toString())).isEmpty();
    }

    @Test
    void existsIsTrueForAFileAndADirectoryAndFalseForAMissingPath() throws IOException {
        Path file = Files.writeString(dir.resolve("drbd_ready"), "");

        assertThat(probe.exists(file.toString())).isTrue();
        assertThat(probe.exists(dir.toString())).isTrue();
        assertThat(probe.exists(dir.resolve("missing").toString())).isFalse();
        assertThat(probe.exists(dir.resolve("missing/below").toString())).isFalse();
    }

    @Test
    void readReturnsTheExactBytesOfAFile() throws IOException {
        byte[] every = new byte[512];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i; // NUL, bytes that are no UTF-8, and a newline or two
        }
        Path file = Files.write(dir.resolve("bytes"), every);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertThat(probe.read(file.toString()))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(every));
        assertThat(probe.read(empty.toString()))
                .hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    void readOfAMissingPathIsEmpty() {
        assertThat(probe.read(dir.resolve("missing").toString())).isEmpty();
        assertThat(probe.read(dir.resolve("missing/below").toString())).isEmpty();
    }

    @Test
    void readOfADirectoryIsACommandFailure() {
        CommandFailedException e = catchThrowableOfType(CommandFailedException.class, () -> probe.read(dir.toString()));

        assertThat(e.argv()).containsExactly("cat", dir.toString());
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.stderr()).isEqualTo("cat: " + dir + ": Is a directory\n");
    }

    @Test
    void outputCutAtTheRunnersCaptureLimitIsAQueryErrorNotAShortFile() throws IOException {
        Path file = Files.writeString(dir.resolve("long"), "0123456789".repeat(10));
        HostProbe limited = new CliHostProbe(CommonsExecRunner.create(16, Duration.ofSeconds(2)), TIMEOUT);

        HostQueryException e = catchThrowableOfType(HostQueryException.class, () -> limited.read(file.toString()));

        assertThat(e.command().argv()).containsExactly("cat", file.toString());
        assertThat(e)
                .hasMessage("cat " + file + " printed \"16 bytes and more, cut off at the runner's capture limit\""
                        + " (expected: output within the capture limit)");
    }

    @Test
    void listeningIsTrueWhileASocketListensOnThePortAndFalseAfterItCloses() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();

            assertThat(probe.listening(port)).isTrue();
        }
        assertThat(probe.listening(port)).isFalse();
    }

    @Test
    void filesystemTypeOfAnExt4ImageIsExt4() throws IOException {
        Path image = blankImage("ext4.img");
        CommandResult mkfs = runner.run(Command.of(TIMEOUT, "mkfs.ext4", "-q", "-F", image.toString()));
        assertThat(mkfs.exitCode()).as(mkfs.stderrText()).isZero();

        assertThat(probe.filesystemType(image.toString())).hasValue("ext4");
    }

    @Test
    void filesystemTypeOfAZeroFilledImageIsEmpty() throws IOException {
        Path image = blankImage("zeros.img");

        assertThat(probe.filesystemType(image.toString())).isEmpty();
    }

    @Test
    void aPartitionTableIsNoFilesystemButNotNothingEither() throws IOException {
        // blkid -p finds PTTYPE="dos", prints no TYPE and exits 0: not "blank", which would invite mkfs.
        Path image = blankImage("partitioned.img");
        byte[] mbr = new byte[512];
        mbr[446 + 4] = (byte) 0x83; // partition 1: Linux, from sector 2048, 4096 sectors
        mbr[446 + 9] = 0x08;
        mbr[446 + 13] = 0x10;
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xaa;
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.write(mbr);
        }

        HostQueryException e =
                catchThrowableOfType(HostQueryException.class, () -> probe.filesystemType(image.toString()));

        assertThat(e)
                .hasMessage("blkid -p -o value -s TYPE " + image + " printed \"\" (expected: one filesystem"
                        + " type, such as ext4)");
    }

    @Test
    void procDrbdIsEmptyWithoutTheDrbdModuleAndParsedWithIt() {
        Optional<ProcDrbdStatus> status = probe.procDrbd();

        if (Files.exists(Path.of("/proc/drbd"))) {
            assertThat(status).hasValueSatisfying(s -> assertThat(s.version()).isPresent());
        } else {
            assertThat(status).isEmpty();
        }
    }

    /** @return an 8 MiB file of zeros */
    private Path blankImage(String name) throws IOException {
        Path image = dir.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8L << 20);
        }
        return image;
    }
}
