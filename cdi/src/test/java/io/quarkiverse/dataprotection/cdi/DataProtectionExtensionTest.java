package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import jakarta.enterprise.inject.spi.Extension;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The portable extension in Weld SE with SmallRye Config, as a plain Jakarta CDI application runs it. */
class DataProtectionExtensionTest {

    static final Map<String, String> MEMORY = Map.of(
            "quarkus.data-protection.key-store", "memory",
            "quarkus.data-protection.application-name", "cdi-test");

    /** Weld SE loads service-provider extensions only with discovery on, so the test adds it by hand. */
    static Weld weld(Class<?>... beans) {
        return new Weld().disableDiscovery().addExtension(new DataProtectionExtension()).addBeanClasses(beans);
    }

    @Test
    void extension_isRegisteredAsAServiceProvider() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(DataProtectionExtension.class);
    }

    @Test
    void fieldConstructorAndMethodInjection_roundTrip() {
        try (CdiTestConfig config = CdiTestConfig.of(MEMORY);
                WeldContainer container = weld(ProtectedBean.class).initialize()) {
            ProtectedBean bean = container.select(ProtectedBean.class).get();

            for (DataProtector protector : List.of(bean.fieldProtector, bean.constructorProtector,
                    bean.methodProtector)) {
                assertThat(protector.unprotect(protector.protect("secret €"))).isEqualTo("secret €");
            }
            assertThat(bean.provider.applicationName()).isEqualTo("cdi-test");
        }
    }

    @Test
    void differentPurposes_doNotCross_andAChainIsItsPurposesInOrder() {
        try (CdiTestConfig config = CdiTestConfig.of(MEMORY);
                WeldContainer container = weld(ProtectedBean.class).initialize()) {
            ProtectedBean bean = container.select(ProtectedBean.class).get();
            String fromField = bean.fieldProtector.protect("x");

            assertThatThrownBy(() -> bean.methodProtector.unprotect(fromField))
                    .isInstanceOf(DataProtectionException.class);
            assertThatThrownBy(() -> bean.constructorProtector.unprotect(fromField))
                    .isInstanceOf(DataProtectionException.class);

            String fromChain = bean.constructorProtector.protect("y");
            assertThat(bean.provider.createProtector("orders", "v2").unprotect(fromChain)).isEqualTo("y");
            assertThat(bean.provider.createProtector("orders").createProtector("v2").unprotect(fromChain))
                    .isEqualTo("y");
            assertThatThrownBy(() -> bean.provider.createProtector("v2", "orders").unprotect(fromChain))
                    .isInstanceOf(DataProtectionException.class);
        }
    }

    @Test
    void programmaticLookup_withLiteral() {
        try (CdiTestConfig config = CdiTestConfig.of(MEMORY);
                WeldContainer container = weld(ProtectedBean.class).initialize()) {
            DataProtector ab = container.select(DataProtector.class, Protector.Literal.of("a", "b")).get();
            DataProtectionProvider provider = container.select(DataProtectionProvider.class).get();

            assertThat(provider.createProtector("a", "b").unprotect(ab.protect("z"))).isEqualTo("z");
            assertThatThrownBy(() -> provider.createProtector("a").unprotect(ab.protect("z")))
                    .isInstanceOf(DataProtectionException.class);
        }
    }

    @Test
    void instanceInjection_andBlankProgrammaticLookup() {
        try (CdiTestConfig config = CdiTestConfig.of(MEMORY);
                WeldContainer container = weld(ProtectedBean.class).initialize()) {
            ProtectedBean bean = container.select(ProtectedBean.class).get();
            DataProtector lazy = bean.lazyProtector.get();
            assertThat(bean.provider.createProtector("lazy").unprotect(lazy.protect("l"))).isEqualTo("l");

            assertThatThrownBy(() -> container.select(DataProtector.class, Protector.Literal.of("a", " ")).get())
                    .hasStackTraceContaining("blank purpose at position 1");
        }
    }

    @Test
    void keyManager_isInjectable_andSeesTheKeyInUse() {
        try (CdiTestConfig config = CdiTestConfig.of(MEMORY);
                WeldContainer container = weld(ProtectedBean.class).initialize()) {
            ProtectedBean bean = container.select(ProtectedBean.class).get();
            bean.fieldProtector.protect("x");

            assertThat(bean.keyManager.getAllKeys()).hasSize(1);
            assertThat(container.select(KeyManager.class).get().getAllKeys()).hasSize(1);
        }
    }

    @Test
    void blankPurpose_failsDeployment_namingTheMember() {
        try (CdiTestConfig config = CdiTestConfig.of(MEMORY)) {
            Weld weld = weld(BlankPurposeBean.class);
            assertThatThrownBy(weld::initialize)
                    .hasStackTraceContaining(BlankPurposeBean.class.getName() + ".protector")
                    .hasStackTraceContaining("blank purpose at position 1");
        }
    }

    @Test
    void unknownKeyStore_failsDeployment_namingThePropertyAndTheAcceptedValues() {
        try (CdiTestConfig config = CdiTestConfig.of(Map.of("quarkus.data-protection.key-store", "mongo"))) {
            Weld weld = weld(ProtectedBean.class);
            assertThatThrownBy(weld::initialize)
                    .hasStackTraceContaining("quarkus.data-protection.key-store with the config value \"mongo\"")
                    .hasStackTraceContaining("allowed values: ")
                    .hasStackTraceContaining("file").hasStackTraceContaining("redis").hasStackTraceContaining("memory");
        }
    }

    @Test
    void applicationNotInjectingDataProtection_isNotBotheredByItsConfiguration() {
        try (CdiTestConfig config = CdiTestConfig.of(Map.of("quarkus.data-protection.key-store", "mongo"));
                WeldContainer container = weld(UnrelatedBean.class).initialize()) {
            assertThat(container.select(UnrelatedBean.class).get()).isNotNull();
        }
    }

    @Test
    void fileStore_writesKeysToTheConfiguredDirectory(@TempDir Path directory) throws Exception {
        Path keys = directory.resolve("keys");
        try (CdiTestConfig config = CdiTestConfig.of(Map.of(
                "quarkus.data-protection.key-store", "file",
                "quarkus.data-protection.file.directory", keys.toString()));
                WeldContainer container = weld(ProtectedBean.class).initialize()) {
            ProtectedBean bean = container.select(ProtectedBean.class).get();
            assertThat(bean.fieldProtector.unprotect(bean.fieldProtector.protect("x"))).isEqualTo("x");
        }
        try (Stream<Path> files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".xml")))
                    .singleElement().asString().startsWith("key-");
        }
    }

    @Test
    void redisStore_fromConfig_sharesTheKeyRingWithASecondContainer() {
        try (RedisServer redis = RedisServers.standalone();
                CdiTestConfig config = CdiTestConfig.of(Map.of(
                        "quarkus.data-protection.key-store", "redis",
                        "quarkus.data-protection.redis.hosts", redis.uri(),
                        "quarkus.data-protection.redis.list-key", "cdi-keys",
                        "quarkus.data-protection.application-name", "shared"))) {
            String payload;
            try (WeldContainer first = weld(ProtectedBean.class).initialize()) {
                payload = first.select(ProtectedBean.class).get().fieldProtector.protect("across");
            }
            assertThat(redis.lrange("cdi-keys")).hasSize(1).allMatch(xml -> xml.startsWith("<key "));
            try (WeldContainer second = weld(ProtectedBean.class).initialize()) {
                assertThat(second.select(ProtectedBean.class).get().fieldProtector.unprotect(payload))
                        .isEqualTo("across");
            }
        }
    }

    @Test
    void redisWithoutHosts_failsTheStart_namingTheProperty() {
        try (CdiTestConfig config = CdiTestConfig.of(Map.of("quarkus.data-protection.key-store", "redis"))) {
            Weld weld = weld(ProtectedBean.class);
            assertThatThrownBy(weld::initialize)
                    .hasStackTraceContaining("Missing quarkus.data-protection.redis.hosts: "
                            + "quarkus.data-protection.key-store=redis needs the Redis servers");
        }
    }
}
