package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** A refused login is reported as an authentication failure naming address and user, never the password. */
class RedisAuthenticationFailureTest {

    @Test
    void wrongPassword_saysAuthenticationFailed_withAddressAndDefaultUser() {
        try (RedisServer redis = RedisServers.standalone("requirepass right-pass")) {
            assertThatThrownBy(() -> readWith(redis, null, "wrong-pass"))
                    .isInstanceOf(XmlRepositoryException.class)
                    .hasMessageContaining("Redis authentication failed for " + redis.uri() + " as user default")
                    .hasMessageContaining("(the server replied: WRONGPASS invalid username-password pair")
                    .hasMessageContaining("quarkus.data-protection.redis.password")
                    .hasMessageNotContaining("wrong-pass").hasMessageNotContaining("right-pass")
                    .hasMessageNotContaining("Unable to connect");
        }
    }

    @Test
    void missingPassword_saysAuthenticationFailed() {
        try (RedisServer redis = RedisServers.standalone("requirepass right-pass")) {
            assertThatThrownBy(() -> readWith(redis, null, null))
                    .isInstanceOf(XmlRepositoryException.class)
                    .hasMessageContaining("Redis authentication failed for " + redis.uri() + " as user default")
                    .hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void wrongAclPassword_namesTheUser() {
        try (RedisServer redis = RedisServers.standalone("user dp on >dp-pass ~* &* +@all")) {
            assertThatThrownBy(() -> readWith(redis, "dp", "not-dp-pass"))
                    .hasMessageContaining("Redis authentication failed for " + redis.uri() + " as user dp")
                    .hasMessageNotContaining("dp-pass");
        }
    }

    @Test
    void otherFailures_areNotCalledAuthenticationFailures() {
        assertThat(RedisAuthenticationFailure.refusal(new RuntimeException("Unable to connect to Redis server",
                new RuntimeException("Connection refused")))).isEmpty();
        assertThat(RedisAuthenticationFailure.refusal(new RuntimeException("outer",
                new IllegalStateException("ERR invalid password")))).contains("invalid password");
        // Redisson's exception class names are not the server's reply.
        assertThat(RedisAuthenticationFailure.refusal(new RuntimeException("WrongPasswordException thrown"))).isEmpty();
    }

    private static void readWith(RedisServer redis, String user, String password) {
        // The refusal comes at once; the timeouts are generous so that a loaded machine cannot turn it into a timeout.
        RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), 0).withCredentials(user, password));
        try {
            new RedisXmlRepository(client).readAll();
        } finally {
            client.shutdown();
        }
    }
}
