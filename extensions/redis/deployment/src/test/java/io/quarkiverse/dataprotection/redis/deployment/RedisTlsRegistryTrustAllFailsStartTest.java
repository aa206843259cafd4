package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A TLS registry configuration that trusts every certificate would let any server pose as the key ring's Redis: the
 * start fails naming both properties and the fix, before any connection is tried (no server is needed).
 */
class RedisTlsRegistryTrustAllFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.redis.hosts", "rediss://127.0.0.1:26397")
            .overrideConfigKey("quarkus.tls.anything-goes.trust-all", "true")
            .overrideConfigKey("quarkus.data-protection.redis.tls-configuration-name", "anything-goes")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Invalid quarkus.data-protection.redis.tls-configuration-name=anything-goes: "
                            + "quarkus.tls.anything-goes.trust-all is true, which would accept any server as the key "
                            + "ring's Redis; give it a trust store instead"));

    @Test
    void trustAllRegistryConfiguration_failsStartNamingTrustAll() {
        // assertException checks the failure
    }
}
