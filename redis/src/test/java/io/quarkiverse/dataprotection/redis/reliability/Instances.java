package io.quarkiverse.dataprotection.redis.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.keyring.KeyRingProvider;
import io.quarkiverse.dataprotection.internal.protector.KeyRingDataProtectionProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;

/**
 * What the reliability tests share: "instances" (each a provider with its own Redisson client, as separate service
 * instances have), the key ids actually stored in Redis, and payloads made under one chosen key.
 */
final class Instances {

    static final String LIST = RedisKeyNames.DEFAULT_LIST_KEY;
    private static final Pattern KEY_ID = Pattern.compile("^<key id=\"([0-9a-fA-F-]{36})\"");

    private Instances() {
    }

    /** One service instance: its own client (owned, shut down on close) and its provider. */
    record Instance(RedissonClient client, DataProtectionProvider provider) implements AutoCloseable {

        KeyRingProvider keyRing() {
            return ((KeyRingDataProtectionProvider) provider).keyRing();
        }

        @Override
        public void close() {
            try {
                provider.close();
            } finally {
                client.shutdown();
            }
        }
    }

    /** Settings that give up on a dead server within about a second, so tests stay bounded. */
    static RedisConnectionSettings quick(RedisConnectionSettings settings) {
        return settings.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), 1);
    }

    static Instance start(RedisConnectionSettings settings,
            java.util.function.UnaryOperator<DataProtectionProviderBuilder> configure) {
        RedissonClient client = RedissonClients.create(settings);
        try {
            DataProtectionProvider provider = configure.apply(DataProtectionProvider.builder()
                    .repository(new RedisXmlRepository(client, LIST))).build();
            return new Instance(client, provider);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** The ids of the key elements in a raw LRANGE of the list, in order, duplicates kept apart by index. */
    static List<UUID> keyIds(List<String> entries) {
        List<UUID> ids = new ArrayList<>();
        for (String entry : entries) {
            Matcher m = KEY_ID.matcher(entry);
            if (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        return ids;
    }

    static Set<UUID> keyIdSet(List<String> entries) {
        return new LinkedHashSet<>(keyIds(entries));
    }

    /** A payload under exactly {@code key}, as a provider whose default key it is would write it. */
    static byte[] payloadUnder(Key key, List<String> purposes, byte[] plaintext) {
        byte[] aad = PayloadFormat.aadFor(PayloadFormat.aadTemplate(purposes), key.id());
        byte[] payload = key.encryptor().encrypt(plaintext, aad, PayloadFormat.HEADER_SIZE, 0);
        PayloadFormat.writeHeader(payload, key.id());
        return payload;
    }

    /** Polls {@code condition} every 5 ms; returns the milliseconds it took, or -1 after {@code timeout}. */
    static long millisUntil(Supplier<Boolean> condition, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            sleep(5);
        }
        return -1;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
