package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/** What we write is byte for byte what ASP.NET writes, and parses back to the same values. */
class KeyXmlWriteTest {

    private static final UUID DOCS_ID = UUID.fromString("80732141-ec8f-4b80-af9c-c4d2d1ff8901");
    private static final Secret DOCS_MASTER_KEY = Secret.copyOf(Base64.getDecoder()
            .decode("k88VrwGLINfVAqzlAp7U4EAjdlmUG17c756McQGdjkPjQdQ7N6XvV2Y6bUs53BFtVw1dOz0oxiT4jyxfV7lJZw=="));
    private static final String DESERIALIZER = "Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";
    private static final String XMLENC = "http://www.w3.org/2001/04/xmlenc#";

    @Test
    void writeKey_docsSampleInputs_isTheUnformattedDocsSample() {
        String xml = KeyXml.writeKey(DOCS_ID, Instant.parse("2015-03-19T23:32:02.3949887Z"),
                Instant.parse("2015-03-19T23:32:02.3839429Z"), Instant.parse("2015-06-17T23:32:02.3839429Z"),
                AlgorithmConfiguration.DEFAULT, DOCS_MASTER_KEY, null);

        assertThat(xml).isEqualTo("<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\">"
                + "<creationDate>2015-03-19T23:32:02.3949887Z</creationDate>"
                + "<activationDate>2015-03-19T23:32:02.3839429Z</activationDate>"
                + "<expirationDate>2015-06-17T23:32:02.3839429Z</expirationDate>"
                + "<descriptor deserializerType=\"" + DESERIALIZER + "\"><descriptor>"
                + "<encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">"
                + "<!-- Warning: the key below is in an unencrypted form. -->"
                + "<value>k88VrwGLINfVAqzlAp7U4EAjdlmUG17c756McQGdjkPjQdQ7N6XvV2Y6bUs53BFtVw1dOz0oxiT4jyxfV7lJZw==</value>"
                + "</masterKey></descriptor></descriptor></key>");
    }

    @Test
    void writeKey_gcm_matchesGoldenFileWithGcmComment() {
        String xml = KeyXml.writeKey(UUID.fromString("0b6f2c7e-3d1a-4c55-9e8f-2a7b6c5d4e3f"),
                Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:00.5Z"),
                Instant.parse("2024-07-30T10:00:00.5Z"), AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM),
                Secret.copyOf(Golden.range(0, 64)), null);

        assertThat(xml).isEqualTo(Golden.read("gcm-key.xml").replace("Version=9.0.0.0", "Version=8.0.0.0"));
    }

    @Test
    void writeRevocation_oneKey_matchesGoldenFile() {
        assertThat(KeyXml.writeRevocation(Instant.parse("2015-03-20T22:45:45.7366491Z"), DOCS_ID, "Compromised laptop"))
                .isEqualTo(Golden.read("revocation-one-key.xml"));
    }

    @Test
    void writeRevocation_allKeys_nullReason_matchesGoldenFile() {
        assertThat(KeyXml.writeRevocation(Instant.parse("2015-03-20T22:45:45.7366491Z"), null, null))
                .isEqualTo(Golden.read("revocation-all-keys.xml"));
    }

    @Test
    void writeRevocation_escapesReason_andParsesBack() {
        String xml = KeyXml.writeRevocation(Instant.parse("2020-01-01T00:00:00Z"), DOCS_ID, "a<b & \"c\" >d");

        assertThat(xml).contains("<reason>a&lt;b &amp; \"c\" &gt;d</reason>");
        assertThat(((RevocationElement) KeyXml.parse(xml)).reason()).isEqualTo("a<b & \"c\" >d");
    }

    @Test
    void writeKey_withEncryptor_wrapsItsElementInEncryptedSecret() {
        String xml = KeyXml.writeKey(DOCS_ID, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-03-31T00:00:00Z"),
                AlgorithmConfiguration.DEFAULT, DOCS_MASTER_KEY, new FakeEncryptor());

        assertThat(xml).isEqualTo("<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\">"
                + "<creationDate>2020-01-01T00:00:00Z</creationDate><activationDate>2020-01-01T00:00:00Z</activationDate>"
                + "<expirationDate>2020-03-31T00:00:00Z</expirationDate>"
                + "<descriptor deserializerType=\"" + DESERIALIZER + "\"><descriptor>"
                + "<encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<encryptedSecret decryptorType=\"Test.FakeDecryptor, Test\" xmlns=\"http://schemas.asp.net/2015/03/dataProtection\">"
                + "<EncryptedData Type=\"http://www.w3.org/2001/04/xmlenc#Element\" xmlns=\"http://www.w3.org/2001/04/xmlenc#\">"
                + "<CipherData><CipherValue>c2VhbGVk</CipherValue></CipherData></EncryptedData>"
                + "</encryptedSecret></descriptor></descriptor></key>");
    }

    @Test
    void writeKey_withEncryptorReturningUnqualifiedElement_resetsDefaultNamespace() {
        KeyEncryptor dpapiLike = new KeyEncryptor() {
            @Override
            public EncryptedXmlInfo encrypt(Element plaintextElement) {
                Document doc = SecureXml.newDocument();
                Element encryptedKey = doc.createElementNS(null, "encryptedKey");
                encryptedKey.appendChild(doc.createComment(" This key is encrypted with Windows DPAPI. "));
                Element value = doc.createElementNS(null, "value");
                value.setTextContent("AQAAANCMnd8B");
                encryptedKey.appendChild(value);
                return new EncryptedXmlInfo(encryptedKey,
                        "Microsoft.AspNetCore.DataProtection.XmlEncryption.DpapiXmlDecryptor, Microsoft.AspNetCore.DataProtection");
            }

            @Override
            public String description() {
                return "dpapi-like";
            }
        };

        String xml = KeyXml.writeKey(DOCS_ID, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-03-31T00:00:00Z"),
                AlgorithmConfiguration.DEFAULT, DOCS_MASTER_KEY, dpapiLike);

        assertThat(xml).contains(
                "<encryptedSecret decryptorType=\"Microsoft.AspNetCore.DataProtection.XmlEncryption.DpapiXmlDecryptor, Microsoft.AspNetCore.DataProtection\" xmlns=\"http://schemas.asp.net/2015/03/dataProtection\">"
                        + "<encryptedKey xmlns=\"\"><!-- This key is encrypted with Windows DPAPI. --><value>AQAAANCMnd8B</value></encryptedKey>"
                        + "</encryptedSecret>");
    }

    @Test
    void encryptor_receivesMarkedMasterKey_andRoundTripThroughDecryptorRestoresIt() {
        FakeEncryptor encryptor = new FakeEncryptor();
        AlgorithmConfiguration algorithms = new AlgorithmConfiguration(EncryptionAlgorithm.AES_192_CBC,
                ValidationAlgorithm.HMACSHA512);
        String xml = KeyXml.writeKey(DOCS_ID, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2020-01-02T00:00:00Z"), Instant.parse("2020-03-31T00:00:00Z"), algorithms,
                DOCS_MASTER_KEY, encryptor);

        Element plaintext = encryptor.received;
        assertThat(plaintext.getLocalName()).isEqualTo("masterKey");
        assertThat(plaintext.getAttributeNS("http://schemas.asp.net/2015/03/dataProtection", "requiresEncryption"))
                .isEqualTo("true");
        assertThat(xml).doesNotContain("k88VrwGLINfVAqzlAp7U4EAjdlmUG17c");

        KeyXml.KeyMaterial material = KeyXml.readDescriptor((KeyElement) KeyXml.parse(xml), List.of(encryptor));
        assertThat(material.algorithms()).isEqualTo(algorithms);
        assertThat(material.masterKey()).isEqualTo(DOCS_MASTER_KEY);
    }

    @ParameterizedTest
    @CsvSource({
            "AES_128_CBC, HMACSHA256", "AES_192_CBC, HMACSHA256", "AES_256_CBC, HMACSHA512",
            "AES_128_GCM, ", "AES_192_GCM, ", "AES_256_GCM, " })
    void writeKey_parsesBackToIdenticalValues(EncryptionAlgorithm encryption, ValidationAlgorithm validation) {
        UUID id = UUID.fromString("fedcba98-7654-4321-8fed-cba987654321");
        Instant created = Instant.parse("2024-02-29T23:59:59.1234567Z");
        Instant activation = Instant.parse("2024-03-02T00:00:00.1Z");
        Instant expiration = Instant.parse("2024-05-29T23:59:59Z");
        AlgorithmConfiguration algorithms = new AlgorithmConfiguration(encryption, validation);
        Secret master = Secret.copyOf(Golden.range(7, 71));

        KeyElement key = (KeyElement) KeyXml.parse(KeyXml.writeKey(id, created, activation, expiration, algorithms,
                master, null));

        assertThat(key.id()).isEqualTo(id);
        assertThat(key.creationDate()).isEqualTo(created);
        assertThat(key.activationDate()).isEqualTo(activation);
        assertThat(key.expirationDate()).isEqualTo(expiration);
        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of());
        assertThat(material.algorithms()).isEqualTo(algorithms);
        assertThat(material.masterKey()).isEqualTo(master);
    }

    @Test
    void writeKey_nanoseconds_areTruncatedToDotNetTicks() {
        String xml = KeyXml.writeKey(DOCS_ID, Instant.parse("2024-01-01T00:00:00.123456789Z"),
                Instant.parse("2024-01-01T00:00:00.000000099Z"), Instant.parse("2024-04-01T00:00:00.1200000Z"),
                AlgorithmConfiguration.DEFAULT, DOCS_MASTER_KEY, null);

        assertThat(xml).contains("<creationDate>2024-01-01T00:00:00.1234567Z</creationDate>")
                .contains("<activationDate>2024-01-01T00:00:00Z</activationDate>")
                .contains("<expirationDate>2024-04-01T00:00:00.12Z</expirationDate>");
    }

    @Test
    void writeRevocation_roundTrips() {
        Instant date = Instant.parse("2021-06-30T12:34:56.7000001Z");

        assertThat(KeyXml.parse(KeyXml.writeRevocation(date, null, "rotate all")))
                .isEqualTo(new RevocationElement(date, null, "rotate all"));
        assertThat(KeyXml.parse(KeyXml.writeRevocation(date, DOCS_ID, null)))
                .isEqualTo(new RevocationElement(date, DOCS_ID, ""));
    }

    @Test
    void writeKey_dateOutsideDotNetRange_isRefused() {
        assertThatThrownBy(() -> KeyXml.writeKey(DOCS_ID, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"),
                AlgorithmConfiguration.DEFAULT, DOCS_MASTER_KEY, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("years 1 and 9999");
    }

    /** "Encrypts" by keeping the plaintext in memory and writing a fixed EncryptedData element. */
    private static final class FakeEncryptor implements KeyEncryptor, KeyDecryptor {
        private final Map<String, Element> sealed = new HashMap<>();
        Element received;

        @Override
        public EncryptedXmlInfo encrypt(Element plaintextElement) {
            received = plaintextElement;
            sealed.put("c2VhbGVk", plaintextElement);
            Document doc = SecureXml.newDocument();
            Element data = doc.createElementNS(XMLENC, "EncryptedData");
            data.setAttributeNS(null, "Type", XMLENC + "Element");
            Element cipherData = doc.createElementNS(XMLENC, "CipherData");
            Element cipherValue = doc.createElementNS(XMLENC, "CipherValue");
            cipherValue.setTextContent("c2VhbGVk");
            cipherData.appendChild(cipherValue);
            data.appendChild(cipherData);
            return new EncryptedXmlInfo(data, "Test.FakeDecryptor, Test");
        }

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public boolean supports(String decryptorTypeName) {
            return decryptorTypeName.equals("Test.FakeDecryptor");
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            return sealed.get(encryptedElement.getTextContent());
        }
    }
}
