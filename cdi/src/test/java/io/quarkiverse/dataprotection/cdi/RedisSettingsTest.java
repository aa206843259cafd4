package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.testing.RedisCluster;
import io.quarkiverse.dataprotection.testing.RedisSentinelGroup;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The {@code redis.*} settings in Weld, against real redis-server processes. */
class RedisSettingsTest {

    static final String P = "quarkus.data-protection.";

    @Test
    void defaultListKey_isAspNetCoresDataProtectionKeys() {
        try (RedisServer redis = RedisServers.standalone();
                CdiApp app = CdiApp.start(redis(redis.uri()))) {
            app.protector().protect("x");

            assertThat(redis.lrange("DataProtection-Keys")).hasSize(1);
        }
    }

    @Test
    void usernameAndPassword_authenticateAsAnAclUser() {
        try (RedisServer redis = RedisServers.standalone("user default off", "user dp on >dp-pass ~* &* +@all")) {
            Map<String, String> settings = redis(redis.uri());
            settings.put(P + "redis.username", "dp");
            settings.put(P + "redis.password", "dp-pass");
            try (CdiApp app = CdiApp.start(settings)) {
                assertThat(app.protector().unprotect(app.protector().protect("acl"))).isEqualTo("acl");
                assertThat(app.provider().status().isReady()).isTrue();
            }
            settings.put(P + "redis.password", "wrong");
            try (CdiApp app = CdiApp.start(settings)) {
                assertThat(app.provider().status().isReady()).as("wrong password").isFalse();
                assertThat(app.provider().status().lastRefreshError()).isPresent();
            }
        }
    }

    @Test
    void database_keepsTheKeyRingInThatDatabase() {
        try (RedisServer redis = RedisServers.standalone()) {
            Map<String, String> settings = redis(redis.uri());
            settings.put(P + "redis.database", "3");
            try (CdiApp app = CdiApp.start(settings)) {
                app.protector().protect("x");
            }
            // The key ring's list and its version counter ({DataProtection-Keys}:version).
            assertThat(redis.info("keyspace")).contains("db3:keys=2").doesNotContain("db0:");
        }
    }

    @Test
    void sentinelMode_findsTheMasterByItsName() {
        try (RedisSentinelGroup group = RedisServers.sentinel()) {
            Map<String, String> settings = redis(group.sentinelUri());
            settings.put(P + "redis.mode", "sentinel");
            settings.put(P + "redis.master-name", group.masterName());
            try (CdiApp app = CdiApp.start(settings)) {
                app.protector().protect("x");
            }
            assertThat(group.master().lrange("DataProtection-Keys")).hasSize(1);
        }
    }

    @Test
    void clusterMode_usesTheHostsAsSeedNodes() {
        try (RedisCluster cluster = RedisServers.cluster()) {
            Map<String, String> settings = redis(String.join(",", cluster.uris()));
            settings.put(P + "redis.mode", "cluster");
            settings.put(P + "redis.list-key", "cluster-keys");
            try (CdiApp app = CdiApp.start(settings)) {
                app.protector().protect("x");
            }
            assertThat(cluster.masterOf("cluster-keys").lrange("cluster-keys")).hasSize(1);
        }
    }

    @Test
    void withoutHosts_theApplicationsRedissonClientIsUsed_andNotShutDown() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
            ApplicationRedissonClient.client = client;
            try (CdiApp app = CdiApp.start(Map.of(P + "key-store", "redis", P + "redis.list-key", "own-client"),
                    ApplicationRedissonClient.class)) {
                app.protector().protect("x");
            } finally {
                ApplicationRedissonClient.client = null;
            }
            assertThat(client.isShutdown()).isFalse();
            assertThat(redis.lrange("own-client")).hasSize(1);
            client.shutdown();
        }
    }

    @Test
    void redisDownAtStart_doesNotFailTheStart_theRingIsNotReadyUntilItIsBack() {
        RedisServer stopped = RedisServers.standalone();
        stopped.stop();
        try (CdiApp app = CdiApp.start(redis(stopped.uri()))) {
            assertThat(app.provider().status().isReady()).isFalse();
            assertThat(app.provider().status().lastRefreshError()).isPresent();
        } finally {
            stopped.close();
        }
    }

    @Test
    void sentinelWithoutMasterName_failsTheStart_namingTheProperty() {
        Map<String, String> settings = redis("redis://127.0.0.1:26399");
        settings.put(P + "redis.mode", "sentinel");
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("Missing quarkus.data-protection.redis.master-name: it is required in "
                        + "sentinel mode");
    }

    @Test
    void invalidCombinations_failTheStart_namingTheProperties() {
        Map<String, String> cluster = redis("redis://127.0.0.1:7999");
        cluster.put(P + "redis.mode", "cluster");
        cluster.put(P + "redis.database", "2");
        assertThatThrownBy(() -> CdiApp.start(cluster).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.database=2: it must be 0 in cluster "
                        + "mode");

        Map<String, String> timeout = redis("redis://127.0.0.1:7999");
        timeout.put(P + "redis.connect-timeout", "0s");
        assertThatThrownBy(() -> CdiApp.start(timeout).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.connect-timeout=PT0S: it must be "
                        + "positive");

        Map<String, String> blankList = redis("redis://127.0.0.1:7999");
        blankList.put(P + "redis.list-key", " ");
        assertThatThrownBy(() -> CdiApp.start(blankList).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.list-key=' ': name the Redis list");
    }

    @Test
    void credentialsInAHost_failTheStart_withoutEchoingThem() {
        assertThatThrownBy(() -> CdiApp.start(redis("redis://app:top-secret@127.0.0.1:7999")).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.hosts=redis://***@127.0.0.1: an "
                        + "address must not contain credentials; set quarkus.data-protection.redis.username and "
                        + "quarkus.data-protection.redis.password instead")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("top-secret"));
    }

    static Map<String, String> redis(String hosts) {
        return new HashMap<>(Map.of(P + "key-store", "redis", P + "redis.hosts", hosts));
    }

    static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
