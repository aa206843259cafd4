package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Runs in its own surefire execution whose class path lacks data-protection-redis and Redisson (see the pom), as an
 * application that never added them.
 */
@DisabledIfSystemProperty(named = "data-protection.test.full-class-path", matches = "true", disabledReason = "needs "
        + "the class path of its own surefire execution")
class RedisStoreWithoutRedisModuleTest {

    @Test
    void classPath_reallyLacksTheRedisModuleAndRedisson() {
        assertThatThrownBy(() -> Class.forName("io.quarkiverse.dataprotection.redis.RedisXmlRepository"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.redisson.api.RedissonClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void redisKeyStore_failsTheStart_namingThePropertyTheValueAndTheArtifactToAdd() {
        assertThatThrownBy(() -> CdiApp.start(Map.of("quarkus.data-protection.key-store", "redis",
                "quarkus.data-protection.redis.hosts", "redis://127.0.0.1:6399")).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("quarkus.data-protection.key-store=redis needs the "
                        + "io.quarkiverse.dataprotection:data-protection-redis artifact, which is not on the class "
                        + "path; add it as a dependency (same version as data-protection-cdi), or choose file, jdbc "
                        + "or memory");
    }

    @Test
    void otherKeyStores_workWithoutIt() {
        try (CdiApp app = CdiApp.start(Map.of("quarkus.data-protection.key-store", "memory",
                "quarkus.data-protection.redis.hosts", "redis://127.0.0.1:6399"))) {
            assertThat(app.protector().unprotect(app.protector().protect("no redis"))).isEqualTo("no redis");
        }
    }
}
