package io.drbd4j.testbed;

import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.CommandResult;
import io.drbd4j.exec.runner.CommandRunner;
import io.drbd4j.exec.runner.CommonsExecRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM image the test bed boots: Debian's kernel (whose in-tree {@code drbd.ko} is DRBD 8.4.11 on bookworm) and an
 * initramfs with this machine's drbd-utils, openssh-server, e2fsprogs, util-linux, coreutils, iproute2, psmisc, bash
 * and busybox, plus the test bed's {@code chef-server-ctl} stand-in. Built by {@code build-image.sh} (shipped in this
 * jar) and cached under a key of every package version and of the scripts, so a second run takes no time.
 */
public final class TestbedImage {
    private static final Logger LOG = LoggerFactory.getLogger(TestbedImage.class);

    /** The files the image is built from, resources of this class's package under {@code image/}. */
    private static final List<String> SOURCES = List.of("build-image.sh", "rcS", "chef-server-ctl", "drbd4j-writer");

    /** The programs building and booting the image needs on this machine, and the Debian package of each. */
    private static final List<String[]> TOOLS = List.of(
            new String[] {"qemu-system-x86_64", "qemu-system-x86"},
            new String[] {"apt-get", "apt"},
            new String[] {"dpkg-deb", "dpkg"},
            new String[] {"depmod", "kmod"},
            new String[] {"cpio", "cpio"},
            new String[] {"busybox", "busybox-static"},
            new String[] {"drbdadm", "drbd-utils"},
            new String[] {"sshd", "openssh-server"},
            new String[] {"ssh", "openssh-client"},
            new String[] {"mkfs.ext4", "e2fsprogs"},
            new String[] {"fuser", "psmisc"},
            new String[] {"ss", "iproute2"},
            new String[] {"lvm", "lvm2"});

    /** Building unpacks a 70 MB kernel package and packs an initramfs: about 10 s here, far less than this. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

    private final Path dir;

    private TestbedImage(Path dir) {
        this.dir = dir;
    }

    /**
     * Returns the image there (nothing is checked).
     *
     * @param directory a complete image's directory, as {@link #ensure} builds it
     * @return the image there (nothing is checked)
     */
    static TestbedImage at(Path directory) {
        return new TestbedImage(directory);
    }

    /**
     * Returns the kernel to boot.
     *
     * @return the kernel to boot
     */
    public Path kernel() {
        return dir.resolve("vmlinuz");
    }

    /**
     * Returns the initramfs, the VM's whole root file system.
     *
     * @return the initramfs, the VM's whole root file system
     */
    public Path initrd() {
        return dir.resolve("initrd.gz");
    }

    /**
     * Returns the private key that logs in as root on every VM of this image.
     *
     * @return the private key that logs in as root on every VM of this image
     */
    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    /**
     * Returns the public host key every VM of this image presents, as one {@code known_hosts} key field.
     *
     * @return the public host key every VM of this image presents, as one {@code known_hosts} key field
     */
    public String hostKey() {
        try {
            String[] fields = Files.readString(dir.resolve("ssh_host_ed25519_key.pub"), StandardCharsets.US_ASCII)
                    .strip()
                    .split(" ");
            return fields[0] + " " + fields[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns one line per package the image holds ({@code name version}), and the kernel package first.
     *
     * @return one line per package the image holds ({@code name version}), and the kernel package first
     */
    public List<String> versions() {
        try {
            return Files.readAllLines(dir.resolve("versions.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the directory that holds the image.
     *
     * @return the directory that holds the image
     */
    public Path directory() {
        return dir;
    }

    /**
     * Returns where images are cached: the system property {@code drbd4j.testbed.cache}, else the environment variable
     * {@code DRBD4J_TESTBED_CACHE}, else {@code ~/.cache/drbd4j-testbed}.
     *
     * @return where images are cached: the system property {@code drbd4j.testbed.cache}, else the environment variable
     *     {@code DRBD4J_TESTBED_CACHE}, else {@code ~/.cache/drbd4j-testbed}
     */
    public static Path defaultCache() {
        String property = System.getProperty("drbd4j.testbed.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("DRBD4J_TESTBED_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "drbd4j-testbed");
    }

    /**
     * Returns why the image cannot be built or booted here (the missing programs and the packages that bring them), or
     * empty.
     *
     * @return why the image cannot be built or booted here (the missing programs and the packages that bring them),
     *     or empty
     */
    public static Optional<String> missingTools() {
        List<String> missing = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        for (String[] tool : TOOLS) {
            if (!onPath(tool[0])) {
                missing.add(tool[0]);
                packages.add(tool[1]);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("missing " + String.join(", ", missing) + " (install the Debian packages "
                + String.join(" ", packages) + ")");
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the image for this machine's package versions in the cache, or builds it there.
     *
     * @param cache the cache directory, created if missing
     * @return the image
     * @throws TestbedUnavailableException when a tool is missing or the build fails; the message has the build's
     *     last output
     */
    public static TestbedImage ensure(Path cache) {
        missingTools().ifPresent(reason -> {
            throw new TestbedUnavailableException("cannot build the test bed image: " + reason);
        });
        try {
            Files.createDirectories(cache);
            Path sources = Files.createTempDirectory("drbd4j-image-src");
            try {
                for (String name : SOURCES) {
                    try (InputStream in = TestbedImage.class.getResourceAsStream("image/" + name)) {
                        if (in == null) {
                            throw new IllegalStateException("resource image/" + name + " is missing from the jar");
                        }
                        Files.copy(in, sources.resolve(name));
                    }
                }
                return build(cache, sources, CommonsExecRunner.create());
            } finally {
                for (String name : SOURCES) {
                    Files.deleteIfExists(sources.resolve(name));
                }
                Files.deleteIfExists(sources);
            }
        } catch (IOException e) {
            throw new TestbedUnavailableException("cannot build the test bed image in " + cache + ": " + e, e);
        }
    }

    private static TestbedImage build(Path cache, Path sources, CommandRunner runner) {
        Command build = Command.of(
                BUILD_TIMEOUT,
                "bash",
                sources.resolve("build-image.sh").toString(),
                cache.toString(),
                sources.toString());
        LOG.info("test bed image: looking up or building it in {}", cache);
        CommandResult result = runner.run(build);
        List<String> lines = result.stdoutText().lines().toList();
        if (!result.succeeded() || lines.isEmpty()) {
            throw new TestbedUnavailableException("building the test bed image failed with exit code "
                    + result.exitCode() + ": " + tail(result.stderrText()));
        }
        Path dir = Path.of(lines.get(lines.size() - 1));
        if (!Files.exists(dir.resolve("complete"))) {
            throw new TestbedUnavailableException("the test bed image build printed " + dir
                    + ", which is not a complete image: " + tail(result.stderrText()));
        }
        LOG.info("test bed image: {}", dir);
        return new TestbedImage(dir);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
