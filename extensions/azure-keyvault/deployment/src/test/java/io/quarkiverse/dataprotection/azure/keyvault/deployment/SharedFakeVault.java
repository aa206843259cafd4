package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;

/**
 * One {@link FakeKeyVaultServer} per test class and JVM. {@code QuarkusUnitTest} loads a test class twice (the test's
 * class loader and the application's), so the server, started by whichever load comes first, is found by the other
 * through a system property, and only JDK types cross between them: the test reaches the server through the
 * functions {@code setup} registers ({@link Handle#call}).
 */
final class SharedFakeVault {

    private SharedFakeVault() {
    }

    /** What a test class knows of its server. */
    record Handle(String vaultUrl, String trustStore, Map<String, Function<Object, Object>> functions) {

        @SuppressWarnings("unchecked")
        <T> T call(String name, Object argument) {
            return (T) functions.get(name).apply(argument);
        }
    }

    /**
     * @param setup prepares the server before the application starts and registers the functions the test calls
     */
    @SuppressWarnings("unchecked")
    static Handle get(String id,
            java.util.function.BiConsumer<FakeKeyVaultServer, Map<String, Function<Object, Object>>> setup) {
        String key = "data-protection.test.shared-vault." + id;
        synchronized (System.getProperties()) {
            Object existing = System.getProperties().get(key);
            if (existing != null) {
                Object[] parts = (Object[]) existing;
                return new Handle((String) parts[0], (String) parts[1], (Map<String, Function<Object, Object>>) parts[2]);
            }
            FakeKeyVaultServer vault = FakeKeyVaultServer.start();
            // both class loaders' copies of the test use it until the JVM ends: stopped then, as every server a test starts
            Runtime.getRuntime().addShutdownHook(new Thread(vault::close, "shared-fake-vault-stop"));
            Map<String, Function<Object, Object>> functions = new ConcurrentHashMap<>();
            setup.accept(vault, functions);
            try {
                String trustStore = vault.writeTrustStore(Files.createTempFile("shared-vault", ".p12"),
                        "trust".toCharArray()).toString();
                System.getProperties().put(key, new Object[] { vault.vaultUrl(), trustStore, functions });
                return new Handle(vault.vaultUrl(), trustStore, functions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Registers a function with no result. */
    static Function<Object, Object> action(Consumer<Object> action) {
        return argument -> {
            action.accept(argument);
            return null;
        };
    }
}
