package io.quarkiverse.dataprotection.it.cookie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A file key ring as an ASP.NET Core application leaves it ({@code PersistKeysToFileSystem}): one key file in ASP.NET's
 * XML, valid now, in a fresh directory that the application under test reads and the test's "ASP.NET side"
 * ({@link AspNetSide}) shares. The directory is published as {@value #DIRECTORY_PROPERTY}; it is deleted afterwards.
 */
public class CookieKeyRingResource implements QuarkusTestResourceLifecycleManager {

    static final String DIRECTORY_PROPERTY = "data-protection.test.cookie-key-directory";

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("dp-cookie-keys-");
            UUID id = UUID.randomUUID();
            Files.writeString(directory.resolve("key-" + id + ".xml"), aspNetKeyXml(id, Instant.now()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(DIRECTORY_PROPERTY, directory.toString());
        return Map.of("quarkus.data-protection.file.directory", directory.toString());
    }

    /** A key element as ASP.NET writes it (AES-256-CBC + HMACSHA256, 512-bit master key, unencrypted). */
    static String aspNetKeyXml(UUID id, Instant now) {
        byte[] masterKey = new byte[64];
        new SecureRandom().nextBytes(masterKey);
        Instant created = now.minus(Duration.ofDays(1));
        return "<key id=\"" + id + "\" version=\"1\">"
                + "<creationDate>" + created + "</creationDate><activationDate>" + created + "</activationDate>"
                + "<expirationDate>" + created.plus(Duration.ofDays(90)) + "</expirationDate>"
                + "<descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption."
                + "ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, "
                + "Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60\"><descriptor>"
                + "<encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">"
                + "<value>" + Base64.getEncoder().encodeToString(masterKey) + "</value></masterKey>"
                + "</descriptor></descriptor></key>";
    }

    @Override
    public void stop() {
        System.clearProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
