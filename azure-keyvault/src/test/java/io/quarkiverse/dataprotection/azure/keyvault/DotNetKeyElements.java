package io.quarkiverse.dataprotection.azure.keyvault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkiverse.dataprotection.testing.FakeVaultKeys;

/**
 * Key elements written the way ASP.NET Core with {@code ProtectKeysWithAzureKeyVault} writes them, from the spec
 * (§6 key XML, §9a {@code encryptedKey}) and not with this module's encryptor: the master key element saved with a
 * UTF-8 byte order mark and declaration, AES-128-CBC/PKCS#7 under a fresh content key and IV, the content key wrapped
 * with RSA-OAEP by a key of the fake vault. The same key can be written unencrypted, to compare what both yield.
 */
final class DotNetKeyElements {

    static final String DESERIALIZER = "Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel."
            + "AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, "
            + "Culture=neutral, PublicKeyToken=adb9793829ddae60";
    static final String DECRYPTOR = "Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor, "
            + "Azure.Extensions.AspNetCore.DataProtection.Keys, Version=1.6.4.0, Culture=neutral, "
            + "PublicKeyToken=92742159e12e44c8";
    static final String OLD_DECRYPTOR = "Microsoft.AspNetCore.DataProtection.AzureKeyVault.AzureKeyVaultXmlDecryptor, "
            + "Microsoft.AspNetCore.DataProtection.AzureKeyVault, Version=3.1.0.0, Culture=neutral, "
            + "PublicKeyToken=adb9793829ddae60";
    static final String DP_NS = "http://schemas.asp.net/2015/03/dataProtection";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DotNetKeyElements() {
    }

    /** One key: id, dates and a 512-bit master key, as ASP.NET creates them. */
    record DotNetKey(UUID id, Instant creation, Instant activation, Instant expiration, byte[] masterKey) {

        static DotNetKey activeSince(Instant when) {
            Instant activation = when.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            byte[] masterKey = new byte[64];
            RANDOM.nextBytes(masterKey);
            return new DotNetKey(UUID.randomUUID(), activation, activation, activation.plus(java.time.Duration.ofDays(90)),
                    masterKey);
        }
    }

    /** The {@code <masterKey>} element as {@code XElement.Save(DisableFormatting)} writes it on its own. */
    static String masterKeyElement(DotNetKey key) {
        return "<masterKey p1:requiresEncryption=\"true\" xmlns:p1=\"" + DP_NS + "\"><!-- Warning: the key below is in "
                + "an unencrypted form. --><value>" + Base64.getEncoder().encodeToString(key.masterKey())
                + "</value></masterKey>";
    }

    /** The key with its master key unencrypted, as in the documentation's sample (§6). */
    static String plain(DotNetKey key) {
        return head(key) + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"" + DP_NS + "\"><!-- Warning: the key "
                + "below is in an unencrypted form. --><value>" + Base64.getEncoder().encodeToString(key.masterKey())
                + "</value></masterKey>" + TAIL;
    }

    /** The key with its master key wrapped by version {@code version} of key {@code name} of the fake vault. */
    static String keyWrapped(DotNetKey key, FakeVaultKeys keys, String name, String version, String decryptorType) {
        try {
            byte[] contentKey = new byte[16];
            byte[] iv = new byte[16];
            RANDOM.nextBytes(contentKey);
            RANDOM.nextBytes(iv);
            byte[] plaintext = ("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>" + masterKeyElement(key))
                    .getBytes(StandardCharsets.UTF_8);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new IvParameterSpec(iv));
            byte[] value = aes.doFinal(plaintext);
            byte[] wrapped = keys.wrap(name, version, contentKey);
            return head(key) + "<encryptedSecret decryptorType=\"" + decryptorType + "\" xmlns=\"" + DP_NS + "\">"
                    + "<encryptedKey xmlns=\"\"><!-- This key is encrypted with Azure Key Vault. --><kid>"
                    + keys.keyId(name, version) + "</kid><key>" + Base64.getEncoder().encodeToString(wrapped) + "</key>"
                    + "<iv>" + Base64.getEncoder().encodeToString(iv) + "</iv><value>"
                    + Base64.getEncoder().encodeToString(value) + "</value></encryptedKey></encryptedSecret>" + TAIL;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String TAIL = "</descriptor></descriptor></key>";

    private static String head(DotNetKey key) {
        return "<key id=\"" + key.id() + "\" version=\"1\"><creationDate>" + key.creation() + "</creationDate>"
                + "<activationDate>" + key.activation() + "</activationDate><expirationDate>" + key.expiration()
                + "</expirationDate><descriptor deserializerType=\"" + DESERIALIZER + "\"><descriptor><encryption "
                + "algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />";
    }
}
