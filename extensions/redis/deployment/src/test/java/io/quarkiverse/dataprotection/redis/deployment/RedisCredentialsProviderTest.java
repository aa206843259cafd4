package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The ACL user and password come from a credentials provider bean, and the pool settings reach the connections
 * Redis sees.
 */
class RedisCredentialsProviderTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestRedis.around(new QuarkusUnitTest(),
            () -> RedisServers.standalone("user dp on >from-the-vault ~* &* +@all"),
            redis -> Map.of("quarkus.data-protection.redis.hosts", redis.uri()))
            .withApplicationRoot(jar -> jar.addClasses(VaultLikeProvider.class, TestRedis.class))
            .overrideConfigKey("quarkus.data-protection.redis.password", "not-this-one")
            .overrideConfigKey("quarkus.data-protection.redis.credentials-provider", "redis/data-protection")
            .overrideConfigKey("quarkus.data-protection.redis.credentials-provider-name", "vault-like")
            .overrideConfigKey("quarkus.data-protection.redis.pool.min-idle", "3")
            .overrideConfigKey("quarkus.data-protection.redis.pool.max-size", "3");

    /** Answers like a secrets store: the credentials under one path. */
    @Singleton
    @Named("vault-like")
    static class VaultLikeProvider implements CredentialsProvider {
        @Override
        public Map<String, String> getCredentials(String credentialsProviderName) {
            return "redis/data-protection".equals(credentialsProviderName)
                    ? Map.of(USER_PROPERTY_NAME, "dp", PASSWORD_PROPERTY_NAME, "from-the-vault")
                    : Map.of();
        }
    }

    @Inject
    DataProtectionProvider provider;

    @Test
    void credentialsProviderBean_suppliesUserAndPassword_overTheConfiguredPassword() throws Exception {
        // the key ring is read in the background at start
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(provider.status().isReady()).isTrue();
        assertThat(TestRedis.keyRing()).hasSize(1);
        // The default user needs no password on this server (for the test's own commands), so only the connections'
        // user shows that the provider's credentials were used.
        assertThat(TestRedis.ourConnections()).isNotEmpty().allMatch(line -> line.contains(" user=dp "));
    }

    @Test
    void poolMinimumIdle_opensThatManyCommandConnections_plusOneForPubSub() throws Exception {
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(TestRedis.ourConnections()).hasSize(3 + 1);
    }
}
