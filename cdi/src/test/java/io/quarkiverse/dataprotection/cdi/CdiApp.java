package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;

/**
 * A Weld SE application with the extension, {@link ProtectedBean} and the given beans, configured with the given
 * properties (plus {@code key-store=memory} unless they choose a store). Closing it stops the container, which closes
 * the provider, then releases the configuration. {@link #start} returns once the key ring's first read (in the
 * background, {@code first-read-in-background}) is done, as a readiness probe would wait for it.
 */
final class CdiApp implements AutoCloseable {

    private final CdiTestConfig config;
    private final WeldContainer container;

    private CdiApp(CdiTestConfig config, WeldContainer container) {
        this.config = config;
        this.container = container;
    }

    static CdiApp start(Map<String, String> properties, Class<?>... beans) {
        CdiTestConfig config = CdiTestConfig.of(withDefaults(properties));
        try {
            CdiApp app = new CdiApp(config, weld(beans).initialize());
            if (!app.provider().awaitFirstRead(Duration.ofMinutes(1))) {
                throw new IllegalStateException("The key ring's first read did not finish within a minute");
            }
            return app;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            config.close();
            throw new IllegalStateException(e);
        } catch (RuntimeException | Error e) {
            config.close();
            throw e;
        }
    }

    /** The container, not started, for tests that expect the start to fail; the caller closes the configuration. */
    static Weld weld(Class<?>... beans) {
        return DataProtectionExtensionTest.weld(ProtectedBean.class).addBeanClasses(beans);
    }

    static Map<String, String> withDefaults(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("quarkus.data-protection.key-store", "memory");
        all.putIfAbsent("quarkus.data-protection.application-name", "cdi-test");
        return all;
    }

    DataProtectionProvider provider() {
        return container.select(DataProtectionProvider.class).get();
    }

    DataProtector protector() {
        return container.select(ProtectedBean.class).get().fieldProtector;
    }

    <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    @Override
    public void close() {
        try {
            container.close();
        } finally {
            config.close();
        }
    }
}
