package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.TestKeys;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;

/** Key ring XML as ASP.NET Core writes it parses to the expected values. */
class KeyXmlGoldenTest {

    private static final String ENCRYPTED_XML_DECRYPTOR = "Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor";

    @Test
    void docsSample_parsesToDocumentedValues() {
        KeyElement key = (KeyElement) KeyXml.parse(Golden.read("docs-sample-key.xml"));

        assertThat(key.id()).isEqualTo(UUID.fromString("80732141-ec8f-4b80-af9c-c4d2d1ff8901"));
        assertThat(key.creationDate()).isEqualTo(Instant.parse("2015-03-19T23:32:02.3949887Z"));
        assertThat(key.activationDate()).isEqualTo(Instant.parse("2015-03-19T23:32:02.3839429Z"));
        assertThat(key.expirationDate()).isEqualTo(Instant.parse("2015-06-17T23:32:02.3839429Z"));
        assertThat(key.deserializerType()).endsWith("Version=1.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60");

        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of());
        assertThat(material.algorithms()).isEqualTo(AlgorithmConfiguration.DEFAULT);
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(Golden.hex(
                "93cf15af018b20d7d502ace5029ed4e040237659941b5edcef9e8c71019d8e43"
                        + "e341d43b37a5ef57663a6d4b39dc116d570d5d3b3d28c624f88f2c5f57b94967"));
    }

    @Test
    void gcmKey_hasNoValidationAlgorithm() {
        KeyElement key = (KeyElement) KeyXml.parse(Golden.read("gcm-key.xml"));

        assertThat(key.id()).isEqualTo(UUID.fromString("0b6f2c7e-3d1a-4c55-9e8f-2a7b6c5d4e3f"));
        assertThat(key.creationDate()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(key.activationDate()).isEqualTo(Instant.parse("2024-05-01T10:00:00.5Z"));
        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of());
        assertThat(material.algorithms()).isEqualTo(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(Golden.range(0, 64));
    }

    @Test
    void hmacSha512Key_withOffsetDate_readsInstantAndAlgorithms() {
        KeyElement key = (KeyElement) KeyXml.parse(Golden.read("hmacsha512-key.xml"));

        assertThat(key.creationDate()).isEqualTo(Instant.parse("2023-01-02T01:04:05.0600007Z"));
        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of());
        assertThat(material.algorithms())
                .isEqualTo(new AlgorithmConfiguration(EncryptionAlgorithm.AES_128_CBC, ValidationAlgorithm.HMACSHA512));
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(ones);
    }

    @Test
    void fileSystemRepositoryFile_withDeclarationAndIndentation_parses() {
        KeyElement key = (KeyElement) KeyXml.parse(Golden.read("filesystem-key.xml"));

        assertThat(key.id()).isEqualTo(UUID.fromString("a5fc051e-6bf3-4fb8-b5e5-1e62193dbd37"));
        assertThat(key.expirationDate()).isEqualTo(Instant.parse("2024-06-06T00:52:28.2059047Z"));
        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of());
        assertThat(material.algorithms())
                .isEqualTo(new AlgorithmConfiguration(EncryptionAlgorithm.AES_192_CBC, ValidationAlgorithm.HMACSHA256));
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(Golden.range(64, 128));
    }

    @Test
    void revocationOfOneKey_parses() {
        RevocationElement revocation = (RevocationElement) KeyXml.parse(Golden.read("revocation-one-key.xml"));

        assertThat(revocation).isEqualTo(new RevocationElement(Instant.parse("2015-03-20T22:45:45.7366491Z"),
                UUID.fromString("80732141-ec8f-4b80-af9c-c4d2d1ff8901"), "Compromised laptop"));
    }

    @Test
    void revocationOfAllKeys_parsesWithEmptyReason() {
        RevocationElement revocation = (RevocationElement) KeyXml.parse(Golden.read("revocation-all-keys.xml"));

        assertThat(revocation).isEqualTo(new RevocationElement(Instant.parse("2015-03-20T22:45:45.7366491Z"), null, ""));
    }

    @Test
    void encryptedMasterKey_isDecryptedByTheDecryptorSupportingItsType() {
        KeyElement key = (KeyElement) KeyXml.parse(Golden.read("encrypted-key.xml"));
        List<String> askedFor = new ArrayList<>();
        List<Element> received = new ArrayList<>();
        KeyDecryptor decryptor = new KeyDecryptor() {
            @Override
            public boolean supports(String decryptorTypeName) {
                askedFor.add(decryptorTypeName);
                return decryptorTypeName.equals(ENCRYPTED_XML_DECRYPTOR);
            }

            @Override
            public Element decrypt(Element encryptedElement) {
                received.add(encryptedElement);
                return KeyXmlWriter.masterKeyElement(Secret.copyOf(Golden.range(0, 64)));
            }
        };

        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of(decryptor));

        assertThat(askedFor).containsExactly(ENCRYPTED_XML_DECRYPTOR);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.getLocalName()).isEqualTo("EncryptedData");
            assertThat(e.getNamespaceURI()).isEqualTo("http://www.w3.org/2001/04/xmlenc#");
        });
        assertThat(material.algorithms()).isEqualTo(AlgorithmConfiguration.DEFAULT);
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(Golden.range(0, 64));
        // The parsed element is left as stored, so it can be read again.
        assertThat(KeyXml.readDescriptor(key, List.of(decryptor)).masterKey()).isEqualTo(material.masterKey());
    }

    @Test
    void encryptedMasterKey_withoutMatchingDecryptor_namesTheDecryptorType() {
        KeyElement key = (KeyElement) KeyXml.parse(Golden.read("encrypted-key.xml"));
        KeyDecryptor other = new KeyDecryptor() {
            @Override
            public boolean supports(String decryptorTypeName) {
                return false;
            }

            @Override
            public Element decrypt(Element encryptedElement) {
                throw new AssertionError("not supported, must not be called");
            }
        };

        assertThatThrownBy(() -> KeyXml.readDescriptor(key, List.of(other)))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining(ENCRYPTED_XML_DECRYPTOR)
                .hasMessageContaining("3c2b1a09-8f7e-4d6c-9b5a-493827160504")
                .hasMessageNotContaining("Version=")
                .hasMessageNotContaining("ZmFrZSBjaXBoZXJ0ZXh0");
    }

    @Test
    void wholeDescriptorEncrypted_isReplacedByTheDecryptedDescriptor() {
        String xml = "<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\">"
                + "<creationDate>2015-03-19T23:32:02Z</creationDate><activationDate>2015-03-19T23:32:02Z</activationDate>"
                + "<expirationDate>2015-06-17T23:32:02Z</expirationDate><descriptor deserializerType=\""
                + KeyXml.DESCRIPTOR_DESERIALIZER_TYPE_NAME + "\"><encryptedSecret decryptorType=\"Test.Whole, Test\" "
                + "xmlns=\"http://schemas.asp.net/2015/03/dataProtection\"><sealed xmlns=\"\" /></encryptedSecret>"
                + "</descriptor></key>";
        String inner = KeyXml.writeKey(UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_128_GCM), Secret.copyOf(Golden.range(1, 33)), null);
        Element innerDescriptor = ((KeyElement) KeyXml.parse(inner)).descriptor();
        KeyDecryptor whole = new KeyDecryptor() {
            @Override
            public boolean supports(String decryptorTypeName) {
                return decryptorTypeName.equals("Test.Whole");
            }

            @Override
            public Element decrypt(Element encryptedElement) {
                assertThat(encryptedElement.getLocalName()).isEqualTo("sealed");
                return innerDescriptor;
            }
        };

        KeyXml.KeyMaterial material = KeyXml.readDescriptor((KeyElement) KeyXml.parse(xml), List.of(whole));

        assertThat(material.algorithms()).isEqualTo(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_128_GCM));
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(Golden.range(1, 33));
    }

    @Test
    void deserializerType_oldNamespaceAndAnyVersion_areAccepted() {
        String xml = Golden.read("gcm-key.xml").replace(
                "Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=9.0.0.0",
                "Microsoft.AspNet.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNet.DataProtection, Version=1.0.0.0");

        KeyElement key = (KeyElement) KeyXml.parse(xml);

        assertThat(key.deserializerType()).startsWith("Microsoft.AspNet.DataProtection.");
        assertThat(KeyXml.readDescriptor(key, List.of()).algorithms().encryption()).isEqualTo(EncryptionAlgorithm.AES_256_GCM);
    }

    @Test
    void massRevocation_revokesKeysCreatedStrictlyBeforeItsDate() {
        Instant date = Instant.parse("2015-03-20T22:45:45.7366491Z");
        RevocationElement all = new RevocationElement(date, null, "");
        UUID id = UUID.randomUUID();

        assertThat(all.revokes(key(id, date.minusNanos(100)))).isTrue();
        assertThat(all.revokes(key(id, date))).as("created at the revocation date").isFalse();
        assertThat(all.revokes(key(id, date.plusNanos(100)))).isFalse();
    }

    @Test
    void singleRevocation_revokesOnlyItsKey_whateverTheDates() {
        UUID id = UUID.fromString("80732141-ec8f-4b80-af9c-c4d2d1ff8901");
        RevocationElement one = new RevocationElement(Instant.parse("2000-01-01T00:00:00Z"), id, "");

        assertThat(one.revokes(key(id, Instant.parse("2020-01-01T00:00:00Z")))).isTrue();
        assertThat(one.revokes(key(UUID.randomUUID(), Instant.parse("1999-01-01T00:00:00Z")))).isFalse();
    }

    @Test
    void singleRevocationWithoutDate_isAccepted_asAspNetNeverReadsIt() {
        RevocationElement revocation = (RevocationElement) KeyXml.parse(
                "<revocation version=\"1\"><key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" /><reason>x</reason></revocation>");

        assertThat(revocation.revocationDate()).isNull();
        assertThat(revocation.keyId()).isEqualTo(UUID.fromString("80732141-ec8f-4b80-af9c-c4d2d1ff8901"));
    }

    private static Key key(UUID id, Instant created) {
        return Key.usable(id, created, created, created.plusSeconds(86400), AlgorithmConfiguration.DEFAULT,
                TestKeys.STUB);
    }
}
