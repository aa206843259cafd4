package io.quarkiverse.dataprotection.jdbc;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * Service instances on one key table (each a provider with its own connection pool), the key ids actually in the
 * table, ASP.NET-format key XML, payloads under a chosen key, and polling with a bound.
 */
final class Fleet {

    private static final Pattern KEY_ID = Pattern.compile("^<key id=\"([0-9a-fA-F-]{36})\"");

    private Fleet() {
    }

    /** One service instance: its pool (closed with it) and its provider. */
    record Instance(AgroalDataSource pool, DataProtectionProvider provider) implements AutoCloseable {
        @Override
        public void close() {
            try {
                provider.close();
            } finally {
                pool.close();
            }
        }
    }

    static Instance start(DatabaseServer server, JdbcRepositoryOptions options,
            UnaryOperator<DataProtectionProviderBuilder> configure) {
        AgroalDataSource pool = Tables.pool(server, 4);
        try {
            return new Instance(pool, configure.apply(DataProtectionProvider.builder()
                    .repository(new JdbcXmlRepository(pool, options))).build());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The ids of the key rows of the table, in {@code Id} order. */
    static List<UUID> keyIds(DatabaseServer server, String table) {
        List<UUID> ids = new ArrayList<>();
        for (String xml : Tables.xml(server, table)) {
            Matcher m = KEY_ID.matcher(xml == null ? "" : xml);
            if (m.find()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        return ids;
    }

    static Set<UUID> keyIdSet(DatabaseServer server, String table) {
        return new LinkedHashSet<>(keyIds(server, table));
    }

    /** A payload under exactly {@code key}, as a provider whose default key it is would write it. */
    static byte[] payloadUnder(Key key, List<String> purposes, byte[] plaintext) {
        byte[] aad = PayloadFormat.aadFor(PayloadFormat.aadTemplate(purposes), key.id());
        byte[] payload = key.encryptor().encrypt(plaintext, aad, PayloadFormat.HEADER_SIZE, 0);
        PayloadFormat.writeHeader(payload, key.id());
        return payload;
    }

    /**
     * A key element as ASP.NET Core 8 writes it ({@code SaveOptions.DisableFormatting}): AES-256-CBC with HMAC-SHA256
     * and an unencrypted random 512-bit master key.
     */
    static String aspNetKeyXml(UUID id, Instant creation, Instant activation, Instant expiration) {
        byte[] masterKey = new byte[64];
        new SecureRandom().nextBytes(masterKey);
        return "<key id=\"" + id + "\" version=\"1\">"
                + "<creationDate>" + iso(creation) + "</creationDate>"
                + "<activationDate>" + iso(activation) + "</activationDate>"
                + "<expirationDate>" + iso(expiration) + "</expirationDate>"
                + "<descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption."
                + "ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore."
                + "DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60\">"
                + "<descriptor><encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">"
                + "<!-- Warning: the key below is in an unencrypted form. -->"
                + "<value>" + Base64.getEncoder().encodeToString(masterKey) + "</value>"
                + "</masterKey></descriptor></descriptor></key>";
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** Polls {@code condition} every 5 ms; returns the milliseconds it took, or -1 after {@code timeout}. */
    static long millisUntil(BooleanSupplier condition, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
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
