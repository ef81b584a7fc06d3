package io.drbd4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code --version} with the project version that Maven wrote into {@code version.properties} next to
 * this class.
 */
final class VersionProvider implements IVersionProvider {
    private static final String UNKNOWN = "(version unknown)";

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"drbd4j " + properties.getProperty("version", UNKNOWN)};
    }
}
