package io.quarkiverse.dataprotection.cdi;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Registers a MicroProfile Config with the given properties for this thread's class loader until closed. */
final class CdiTestConfig implements AutoCloseable {

    private final Config config;

    private CdiTestConfig(Config config) {
        this.config = config;
    }

    static CdiTestConfig of(Map<String, String> properties) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (RuntimeException ignored) {
            // nothing registered yet
        }
        resolver.registerConfig(config, loader);
        return new CdiTestConfig(config);
    }

    @Override
    public void close() {
        ConfigProviderResolver.instance().releaseConfig(config);
    }
}
