package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
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
}
