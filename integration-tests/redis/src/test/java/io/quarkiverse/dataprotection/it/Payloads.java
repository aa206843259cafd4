package io.quarkiverse.dataprotection.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/** Reads the key id of ASP.NET-format payloads and writes ASP.NET-format key XML, for the tests. */
final class Payloads {

    private Payloads() {
    }

    /** The key id of a base64url payload: bytes 4..19, a .NET GUID (first three groups little-endian). */
    static UUID keyId(String payload) {
        byte[] bytes = Base64.getUrlDecoder().decode(payload.strip());
        ByteBuffer guid = ByteBuffer.wrap(bytes, 4, 16);
        guid.order(ByteOrder.LITTLE_ENDIAN);
        long a = Integer.toUnsignedLong(guid.getInt());
        long b = Short.toUnsignedLong(guid.getShort());
        long c = Short.toUnsignedLong(guid.getShort());
        guid.order(ByteOrder.BIG_ENDIAN);
        long d = guid.getLong();
        return new UUID(a << 32 | b << 16 | c, d);
    }

    /**
     * A key element as ASP.NET Core 8 writes it to Redis ({@code SaveOptions.DisableFormatting}): AES-256-CBC with
     * HMAC-SHA256 and an unencrypted random 512-bit master key.
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

    /** As .NET writes a UTC DateTimeOffset in key XML: ISO 8601 ending in Z (.NET keeps 100 ns ticks). */
    /**
     * A key as an ASP.NET Core instance created it 3 days ago to succeed a key expiring {@code now}: it activates
     * {@code now}, later than every other key of the ring, so current ASP.NET Core's resolver (and ours) make it the
     * default key.
     */
    static String newestAspNetKeyXml(UUID id, Instant now) {
        return aspNetKeyXml(id, now.minus(Duration.ofDays(3)), now, now.plus(Duration.ofDays(30)));
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
