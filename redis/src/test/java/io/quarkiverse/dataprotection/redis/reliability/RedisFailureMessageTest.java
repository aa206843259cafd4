package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * A write that times out while Redis stalls: Redisson's timeout message quotes the command's parameters (strings up
 * to 1000 characters), and an unencrypted key element is about 890 characters with its master key near the end.
 */
class RedisFailureMessageTest {

    @Test
    @Timeout(60)
    void appendTimingOut_neverPutsTheElementInTheExceptionOrItsCauses() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(Instances.quick(RedisConnectionSettings.standalone(redis.uri())));
            try {
                RedisXmlRepository store = new RedisXmlRepository(client);
                store.version(); // connected
                String secret = Base64.getEncoder().encodeToString(new byte[64]).replace('A', 'Q');
                String element = "<key id=\"0d0f2a57-3a5e-4f43-9d62-2a4c8e1a6f1b\" version=\"1\">" + "x".repeat(680)
                        + "<value>" + secret + "</value></key>";
                redis.command("CLIENT", "PAUSE", "2000", "ALL");
                XmlRepositoryException failure = catchThrowableOfType(XmlRepositoryException.class,
                        () -> store.add(element, "key-1"));
                assertThat(failure).as("the append times out").isNotNull();
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                assertThat(failure.getMessage()).contains("'DataProtection-Keys'").doesNotContain(secret);
                assertThat(trace.toString()).as("message and causes, as a log of the exception shows them")
                        .doesNotContain(secret).doesNotContain(secret.substring(0, 16));
            } finally {
                client.shutdown();
            }
        }
    }
}
