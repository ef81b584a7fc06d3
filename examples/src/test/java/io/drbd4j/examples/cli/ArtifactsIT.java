package io.drbd4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jars this build packaged (failsafe runs this after the package phase), as Maven Central and a packager see
 * them: each library jar names its version in the manifest and carries the licence; entries carry the fixed
 * {@code project.build.outputTimestamp}, not the build's time; the command line's shaded jar keeps every bundled
 * dependency's licence and notice.
 */
class ArtifactsIT {
    private static final Path TARGET = Path.of(System.getProperty("drbd4j.dist.dir", "target"));
    private static final String VERSION = System.getProperty("drbd4j.version", "0.1.0-SNAPSHOT");
    private static final Instant OUTPUT_TIMESTAMP =
            Instant.parse(System.getProperty("drbd4j.outputTimestamp", "2026-12-06T00:00:00Z"));
    private static final List<String> LIBRARIES =
            List.of("drbd-core", "drbd-exec", "drbd-testkit", "chef-ha-workflows", "drbd-testbed", "drbd-micrometer");

    private static Path libraryJar(String module) {
        return TARGET.resolve("../../" + module + "/target/" + module + "-" + VERSION + ".jar")
                .normalize();
    }

    private static String text(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as("%s in %s", name, jar.getName()).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyLibraryJarNamesItsVersionAndCarriesTheLicence() throws IOException {
        for (String module : LIBRARIES) {
            Path path = libraryJar(module);
            assertThat(path).as("built by this reactor").isRegularFile();
            try (JarFile jar = new JarFile(path.toFile())) {
                Manifest manifest = jar.getManifest();
                assertThat(manifest.getMainAttributes().getValue("Implementation-Version"))
                        .as(module)
                        .isEqualTo(VERSION);
                assertThat(manifest.getMainAttributes().getValue("Implementation-Title"))
                        .as(module)
                        .isNotBlank();
                assertThat(text(jar, "META-INF/LICENSE")).as(module).contains("Apache License", "Version 2.0");
            }
        }
    }

    @Test
    void jarEntriesCarryTheFixedOutputTimestampNotTheBuildTime() throws IOException {
        List<Path> jars = new ArrayList<>();
        LIBRARIES.forEach(m -> jars.add(libraryJar(m)));
        jars.add(TARGET.resolve("examples-" + VERSION + ".jar"));
        jars.add(TARGET.resolve("drbd4j.jar"));
        for (Path path : jars) {
            try (JarFile jar = new JarFile(path.toFile())) {
                List<String> late = jar.stream()
                        .filter(e -> e.getLastModifiedTime().toInstant().isAfter(OUTPUT_TIMESTAMP))
                        .map(e -> e.getName() + " " + e.getLastModifiedTime())
                        .toList();
                assertThat(late)
                        .as("entries of %s dated after %s", path, OUTPUT_TIMESTAMP)
                        .isEmpty();
                assertThat(jar.getEntry("META-INF/MANIFEST.MF")
                                .getLastModifiedTime()
                                .toInstant())
                        .as(path.toString())
                        .isEqualTo(OUTPUT_TIMESTAMP);
            }
        }
    }

    @Test
    void theCommandLineJarKeepsEveryBundledLicenceAndNotice() throws IOException {
        try (JarFile jar = new JarFile(TARGET.resolve("drbd4j.jar").toFile())) {
            String licenseTxt = text(jar, "META-INF/LICENSE.txt");
            // commons-exec's Apache licence and slf4j's MIT licence both ship as META-INF/LICENSE.txt.
            assertThat(licenseTxt).contains("Apache License", "QOS.ch", "Permission is hereby granted");
            // HdrHistogram (micrometer-core's) ships META-INF/LICENSE.txt too: public domain or BSD 2-Clause.
            assertThat(licenseTxt).contains("BSD 2-Clause License");
            // jackson-core, jackson-databind and drbd4j ship META-INF/LICENSE (Apache 2.0 each).
            assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License");
            String notice = text(jar, "META-INF/NOTICE");
            // jackson-core's notice names its bundled FastDoubleParser, commons-exec's names the ASF; Micrometer's
            // jars (Apache 2.0) ship one notice, the Prometheus client's jars (Apache 2.0) none.
            assertThat(notice).contains("Jackson", "Apache Commons Exec", "Micrometer");
            assertThat(text(jar, "META-INF/FastDoubleParser-LICENSE")).contains("License");
        }
    }

    @Test
    void theCommandLineJarsManifestNamesTheRelease() throws IOException {
        try (JarFile jar = new JarFile(TARGET.resolve("drbd4j.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(VERSION);
        }
        assertThat(Files.size(TARGET.resolve("drbd4j.jar"))).isPositive();
    }
}
