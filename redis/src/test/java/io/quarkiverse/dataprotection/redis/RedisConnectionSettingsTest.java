package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

import io.quarkiverse.dataprotection.InvalidSettingException;

class RedisConnectionSettingsTest {

    @Test
    void toString_redactsThePassword() {
        RedisConnectionSettings settings = RedisConnectionSettings.standalone("redis://localhost:6379")
                .withCredentials("app", "s3cret");

        assertThat(settings.toString()).contains("username=app").contains("password=***").doesNotContain("s3cret");
        assertThat(RedisConnectionSettings.standalone("redis://localhost:6379").toString())
                .contains("password=(none)");
    }

    @Test
    void sentinelWithoutMasterName_namesTheComponentAndTheFix() {
        assertThatThrownBy(() -> RedisConnectionSettings.sentinel(" ", List.of("redis://localhost:26379")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Missing masterName: it is required in sentinel mode")
                .hasMessageContaining("sentinel monitor <name>");
    }

    @Test
    void masterNameOutsideSentinelMode_letsTheAdapterNameItsProperties() {
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> new RedisConnectionSettings(RedisConnectionSettings.Mode.CLUSTER, List.of("redis://a:1"), "m",
                        null, null, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 0));

        assertThat(e.setting()).isEqualTo("masterName");
        assertThat(e.describe(name -> "redis." + name)).isEqualTo("Invalid redis.masterName=m: it is only used in "
                + "sentinel mode, but redis.mode is cluster; remove it or set redis.mode to sentinel");
    }

    @Test
    void addressWithoutScheme_isRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> RedisConnectionSettings.standalone("localhost:6379"))
                .hasMessageContaining("Invalid addresses='localhost:6379': not a Redis URI")
                .hasMessageContaining("redis://host:port");
    }

    @Test
    void credentialsInAnAddress_areRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> RedisConnectionSettings.standalone("redis://user:topsecret@localhost:6379"))
                .hasMessageContaining("set username and password instead")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void standaloneWithSeveralAddresses_pointsToTheMode() {
        assertThatThrownBy(() -> new RedisConnectionSettings(RedisConnectionSettings.Mode.STANDALONE,
                List.of("redis://a:1", "redis://b:2"), null, null, null, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0))
                .hasMessageContaining("exactly one address")
                .hasMessageContaining("set mode to sentinel or cluster");
    }

    @Test
    void clusterWithNonZeroDatabase_isRejected() {
        assertThatThrownBy(() -> RedisConnectionSettings.cluster(List.of("redis://a:1")).withDatabase(2))
                .hasMessageStartingWith("Invalid database=2: it must be 0 in cluster mode");
    }

    @Test
    void unknownMode_namesTheComponentAndTheAcceptedValues() {
        assertThat(RedisConnectionSettings.Mode.parse("Sentinel")).isEqualTo(RedisConnectionSettings.Mode.SENTINEL);
        assertThatThrownBy(() -> RedisConnectionSettings.Mode.parse("replicated"))
                .hasMessage("Invalid mode=replicated: use standalone, sentinel or cluster");
    }

    @Test
    void config_isLazyWithStringCodec() {
        Config config = RedissonClients.config(RedisConnectionSettings.standalone("rediss://localhost:6380")
                .withDatabase(3));

        assertThat(config.isLazyInitialization()).isTrue();
        assertThat(config.getCodec()).isSameAs(StringCodec.INSTANCE);
        assertThat(config.useSingleServer().getAddress()).isEqualTo("rediss://localhost:6380");
        assertThat(config.useSingleServer().getDatabase()).isEqualTo(3);
    }

    @Test
    void config_singleSentinel_skipsTheSentinelCountCheck_andReadsFromTheMaster() {
        Config one = RedissonClients.config(RedisConnectionSettings.sentinel("m", List.of("redis://s1:26379")));
        Config two = RedissonClients.config(RedisConnectionSettings.sentinel("m",
                List.of("redis://s1:26379", "redis://s2:26379")));

        assertThat(one.useSentinelServers().isCheckSentinelsList()).isFalse();
        assertThat(two.useSentinelServers().isCheckSentinelsList()).isTrue();
        assertThat(one.useSentinelServers().getReadMode()).isEqualTo(ReadMode.MASTER);
    }

    @Test
    void keyNames_deriveFromTheListKey() {
        assertThat(RedisKeyNames.changesChannel("DataProtection-Keys")).isEqualTo("DataProtection-Keys:changes");
        assertThatThrownBy(() -> RedisKeyNames.listKey(" "))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid listKey=' ': name the Redis list, e.g. DataProtection-Keys");
    }

    @Test
    void minimumIdleAboveMaximum_namesBothSettingsAndTheFix() {
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> RedisConnectionSettings.standalone("redis://localhost:6379").withPool(5, 2));

        assertThat(e.describe(name -> "redis." + name)).isEqualTo("Invalid redis.minimumIdleConnections=5: it must "
                + "not exceed redis.maximumConnections (2); lower it or raise redis.maximumConnections");
    }

    @Test
    void zeroMaximumConnections_negativeMinimumIdle_zeroRetryInterval_areRejected() {
        RedisConnectionSettings base = RedisConnectionSettings.standalone("redis://localhost:6379");
        assertThatThrownBy(() -> base.withPool(0, 0)).hasMessageStartingWith("Invalid maximumConnections=0: it must "
                + "be 1 or more");
        assertThatThrownBy(() -> base.withPool(-1, 4)).hasMessageStartingWith("Invalid minimumIdleConnections=-1");
        assertThatThrownBy(() -> base.withRetryInterval(Duration.ZERO)).hasMessageStartingWith("Invalid retryInterval=");
    }

    @Test
    void tlsWithPlainAddresses_saysToUseRediss(@TempDir Path dir) throws Exception {
        Path trust = dir.resolve("trust.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (var out = Files.newOutputStream(trust)) {
            empty.store(out, "changeit".toCharArray());
        }
        RedisTls tls = RedisTls.trustStore(trust, "changeit", null);

        assertThatThrownBy(() -> RedisConnectionSettings.standalone("redis://localhost:6379").withTls(tls))
                .hasMessageContaining("Invalid tls=").hasMessageContaining("write rediss://host:port");
        assertThat(RedisConnectionSettings.standalone("rediss://localhost:6380").withTls(tls).tls()).isSameAs(tls);
    }

    @Test
    void trustStore_missingFile_wrongPassword_unknownType_sayWhatToFix(@TempDir Path dir) throws Exception {
        Path trust = dir.resolve("trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var out = Files.newOutputStream(trust)) {
            store.store(out, "changeit".toCharArray());
        }

        assertThatThrownBy(() -> RedisTls.trustStore(dir.resolve("nope.p12"), "changeit", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Invalid trustStore=" + dir.resolve("nope.p12") + ": no readable file there");
        InvalidSettingException wrong = catchThrowableOfType(InvalidSettingException.class,
                () -> RedisTls.trustStore(trust, "not-it", null));
        assertThat(wrong.describe(name -> "redis." + name)).contains("it cannot be read as a PKCS12 store")
                .contains("check redis.trustStorePassword and redis.trustStoreType").doesNotContain("not-it");
        assertThatThrownBy(() -> RedisTls.trustStore(trust, "changeit", "BKS"))
                .hasMessageStartingWith("Invalid trustStoreType=BKS: use PKCS12 or JKS or PEM");
        assertThatThrownBy(() -> RedisTls.keyStore(trust, "changeit", "PEM"))
                .hasMessageStartingWith("Invalid keyStoreType=PEM: use PKCS12 or JKS,");
    }

    @Test
    void config_pools_threads_retryInterval_andClientName_areSizedForAKeyRing() {
        Config config = RedissonClients.config(RedisConnectionSettings.standalone("redis://localhost:6379")
                .withPool(2, 3).withRetryInterval(Duration.ofMillis(250)));

        assertThat(config.getNettyThreads()).isEqualTo(RedissonClients.NETTY_THREADS);
        assertThat(config.getThreads()).isEqualTo(RedissonClients.THREADS);
        assertThat(config.useSingleServer().getConnectionMinimumIdleSize()).isEqualTo(2);
        assertThat(config.useSingleServer().getConnectionPoolSize()).isEqualTo(3);
        assertThat(config.useSingleServer().getSubscriptionConnectionPoolSize())
                .isEqualTo(RedissonClients.SUBSCRIPTION_CONNECTIONS);
        assertThat(config.useSingleServer().getClientName()).isEqualTo(RedissonClients.CLIENT_NAME);
        Config cluster = RedissonClients.config(RedisConnectionSettings.cluster(List.of("redis://a:1")).withPool(1, 4));
        assertThat(cluster.useClusterServers().getMasterConnectionPoolSize()).isEqualTo(4);
        assertThat(cluster.useClusterServers().getMasterConnectionMinimumIdleSize()).isEqualTo(1);
    }

    @Test
    void toString_namesPoolAndTls_butNoPassword() {
        assertThat(RedisConnectionSettings.standalone("redis://localhost:6379").withCredentials("u", "pw").toString())
                .contains("connections=1..4").contains("retryInterval=PT0.5S").doesNotContain("pw,");
    }
}
