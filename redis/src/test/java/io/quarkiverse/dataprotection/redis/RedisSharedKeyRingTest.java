package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** Whole providers sharing one key ring in one Redis list, as several Java and .NET instances do. */
class RedisSharedKeyRingTest {

    static final DateTimeFormatter DOTNET_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    static RedisServer redis;
    static RedissonClient clientA;
    static RedissonClient clientB;

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.standalone();
        clientA = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
        clientB = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
    }

    @AfterAll
    static void stopRedis() {
        if (clientA != null) {
            clientA.shutdown();
            clientB.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    static DataProtectionProvider provider(RedissonClient client) {
        return DataProtectionProvider.builder().applicationName("shop")
                .repository(new RedisXmlRepository(client)).build();
    }

    @Test
    void twoProvidersStartingTogether_createOneKey_andReadEachOthersPayloads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<DataProtectionProvider> providers = new ArrayList<>();
        try {
            Future<DataProtectionProvider> a = pool.submit(() -> provider(clientA));
            Future<DataProtectionProvider> b = pool.submit(() -> provider(clientB));
            providers.add(a.get(30, TimeUnit.SECONDS));
            providers.add(b.get(30, TimeUnit.SECONDS));

            assertThat(redis.lrange("DataProtection-Keys")).hasSize(1);
            String fromA = providers.get(0).createProtector("cart").protect("item=42");
            String fromB = providers.get(1).createProtector("cart").protect("item=43");
            assertThat(providers.get(1).createProtector("cart").unprotect(fromA)).isEqualTo("item=42");
            assertThat(providers.get(0).createProtector("cart").unprotect(fromB)).isEqualTo("item=43");
        } finally {
            providers.forEach(DataProtectionProvider::close);
            pool.shutdownNow();
        }
    }

    @Test
    void keyPushedByDotNetBeforeStart_isAdopted_notReplaced() {
        UUID id = UUID.randomUUID();
        redis.rpush("DataProtection-Keys", aspNetKeyXml(id, Instant.now().minus(1, ChronoUnit.DAYS)));

        try (DataProtectionProvider provider = provider(clientA)) {
            assertThat(provider.status().defaultKeyId()).contains(id);
            assertThat(provider.createProtector("cart").unprotect(provider.createProtector("cart").protect("x")))
                    .isEqualTo("x");
            assertThat(redis.lrange("DataProtection-Keys")).hasSize(1);
        }
    }

    @Test
    void keyPushedByDotNetWhileRunning_isPickedUp_forItsPayloads() {
        try (DataProtectionProvider running = provider(clientA)) {
            running.createProtector("cart").protect("warm up"); // has its own key by now
            UUID id = UUID.randomUUID();
            String dotNetKey = aspNetKeyXml(id, Instant.now().minus(1, ChronoUnit.HOURS));
            redis.rpush("DataProtection-Keys", dotNetKey);

            // Stand-in for the .NET instance: a provider that knows only the pushed key.
            InMemoryXmlRepository dotNetRing = new InMemoryXmlRepository();
            dotNetRing.add(dotNetKey, "key-" + id);
            try (DataProtectionProvider dotNet = DataProtectionProvider.builder().applicationName("shop")
                    .repository(dotNetRing).autoGenerateKeys(false).build()) {
                assertThat(dotNet.status().defaultKeyId()).contains(id);
                String payload = dotNet.createProtector("cart").protect("from .NET");

                assertThat(running.createProtector("cart").unprotect(payload)).isEqualTo("from .NET");
                assertThat(running.status().keyCount()).isEqualTo(2);
            }
        }
    }

    /** A key element as ASP.NET Core writes it to Redis: one line, .NET dates, an unencrypted 512-bit master key. */
    static String aspNetKeyXml(UUID id, Instant activation) {
        byte[] masterKey = new byte[64];
        new java.security.SecureRandom().nextBytes(masterKey);
        return "<key id=\"" + id + "\" version=\"1\">"
                + "<creationDate>" + DOTNET_DATE.format(activation) + "</creationDate>"
                + "<activationDate>" + DOTNET_DATE.format(activation) + "</activationDate>"
                + "<expirationDate>" + DOTNET_DATE.format(activation.plus(90, ChronoUnit.DAYS)) + "</expirationDate>"
                + "<descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption."
                + "ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, "
                + "Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60\">"
                + "<descriptor><encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">"
                + "<!-- Warning: the key below is in an unencrypted form. -->"
                + "<value>" + Base64.getEncoder().encodeToString(masterKey) + "</value>"
                + "</masterKey></descriptor></descriptor></key>";
    }
}
