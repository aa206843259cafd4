package io.quarkiverse.dataprotection.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The configuration a service reads, rebuilt for the command line: its {@code application.properties} (ordinal 250,
 * as in Quarkus), environment variables (300) and system properties (400), with one profile applied ({@code %prod.}
 * prefixes) and expressions expanded, and the command line's options above them all (600).
 * <p>
 * Properties the command does not know are ignored: a service's file holds many other extensions' settings, and
 * newer data protection settings than this command's must not stop an operator.
 * <p>
 * Stateless.
 */
final class CliConfig {

    /** The ordinal of the command line's own options: above system properties. */
    static final int OPTIONS_ORDINAL = 600;
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

    private CliConfig() {
    }

    /**
     * @param file the service's {@code application.properties}, or {@code null} for none
     * @param profile the profile whose {@code %profile.} properties apply
     * @param overrides properties set by the command's options
     * @throws CliException with {@link ExitCode#CONFIG} when the file cannot be read
     */
    static SmallRyeConfig build(Path file, String profile, Map<String, String> overrides) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withProfile(profile)
                .addSystemSources()
                .withSources(new PropertiesConfigSource(overrides, "command line options", OPTIONS_ORDINAL))
                .withDefaultValue("smallrye.config.mapping.validate-unknown", "false");
        if (file != null) {
            builder.withSources(properties(file));
        }
        return builder.build();
    }

    private static PropertiesConfigSource properties(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException(ExitCode.CONFIG, "Cannot read the configuration file --config " + file
                    + ": it is not a readable file; give the service's application.properties");
        }
        try {
            return new PropertiesConfigSource(file.toUri().toURL(), APPLICATION_PROPERTIES_ORDINAL);
        } catch (MalformedURLException e) {
            throw new CliException(ExitCode.CONFIG, "Cannot read the configuration file --config " + file + ": " + e);
        } catch (IOException e) {
            throw new CliException(ExitCode.CONFIG, "Cannot read the configuration file --config " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
