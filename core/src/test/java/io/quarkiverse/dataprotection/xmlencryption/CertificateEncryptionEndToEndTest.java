package io.quarkiverse.dataprotection.xmlencryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/** Certificate encryption at rest through the whole provider: key XML, key manager, key ring, protectors. */
class CertificateEncryptionEndToEndTest {

    static CertificateWithKey certA;
    static CertificateWithKey certB;

    final InMemoryXmlRepository store = new InMemoryXmlRepository();
    final List<DataProtectionProvider> providers = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        certA = TestCertificates.generate("e2e-A");
        certB = TestCertificates.generate("e2e-B");
    }

    @AfterEach
    void close() {
        providers.forEach(DataProtectionProvider::close);
    }

    DataProtectionProvider provider(DataProtectionProviderBuilder builder) {
        DataProtectionProvider provider = builder.applicationName("e2e").repository(store).backgroundRefresh(false)
                .refreshPeriod(Duration.ofHours(1)).build();
        providers.add(provider);
        return provider;
    }

    @Test
    void storedKey_holdsAnEncryptedSecretAndNoValue_andADecryptOnlyProviderUnprotects() {
        DataProtectionProvider writer = provider(DataProtectionProvider.builder()
                .keyEncryptor(new CertificateXmlEncryptor(certA)).addKeyDecryptor(EncryptedXmlDecryptor.of(certA)));
        String protectedText = writer.createProtector("orders").protect("order 42");

        List<StoredElement> stored = store.readAll();
        assertThat(stored).hasSize(1);
        String xml = stored.get(0).xml();
        assertThat(xml).contains("<encryptedSecret decryptorType=\"Microsoft.AspNetCore.DataProtection.XmlEncryption."
                + "EncryptedXmlDecryptor, Microsoft.AspNetCore.DataProtection")
                .contains("xmlenc#rsa-oaep-mgf1p")
                .contains(Base64.getEncoder().encodeToString(der(certA)))
                .doesNotContain("<value>").doesNotContain("masterKey");

        DataProtectionProvider reader = provider(DataProtectionProvider.builder().autoGenerateKeys(false)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certA)));
        assertThat(reader.createProtector("orders").unprotect(protectedText)).isEqualTo("order 42");
    }

    @Test
    void providerWithoutTheCertificate_cannotUnprotect() {
        DataProtectionProvider writer = provider(DataProtectionProvider.builder()
                .keyEncryptor(new CertificateXmlEncryptor(certA)).addKeyDecryptor(EncryptedXmlDecryptor.of(certA)));
        String protectedText = writer.createProtector("orders").protect("order 42");

        DataProtectionProvider stranger = provider(DataProtectionProvider.builder().autoGenerateKeys(false)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certB)));

        assertThatThrownBy(() -> stranger.createProtector("orders").unprotect(protectedText))
                .isInstanceOf(DataProtectionException.class);
    }

    @Test
    void certificateRotation_newKeysUnderB_oldKeysUnderAStillUnprotect() {
        DataProtectionProvider before = provider(DataProtectionProvider.builder()
                .keyEncryptor(new CertificateXmlEncryptor(certA)).addKeyDecryptor(EncryptedXmlDecryptor.of(certA)));
        String underA = before.createProtector("orders").protect("old order");

        CertificateSource rotated = CertificateSource.of(new CertificateSet(certB, List.of(certA)));
        DataProtectionProvider after = provider(DataProtectionProvider.builder()
                .keyEncryptor(new CertificateXmlEncryptor(rotated)).addKeyDecryptor(new EncryptedXmlDecryptor(rotated)));
        after.keyManager().createNewKey(Instant.now().minusSeconds(1), Instant.now().plus(Duration.ofDays(90)));

        assertThat(store.readAll()).hasSize(2);
        assertThat(store.readAll().get(1).xml()).contains(Base64.getEncoder().encodeToString(der(certB)))
                .doesNotContain(Base64.getEncoder().encodeToString(der(certA)));
        assertThat(after.createProtector("orders").unprotect(underA)).isEqualTo("old order");
        String underB = after.createProtector("orders").protect("new order");
        assertThat(after.createProtector("orders").unprotect(underB)).isEqualTo("new order");
    }

    @Test
    void dotNetKeyFile_withRsa15EncryptedSecret_readsThroughKeyXml() throws Exception {
        // A FileSystemXmlRepository file as .NET writes it with ProtectKeysWithCertificate: indented, the masterKey
        // (its OuterXml, UTF-8) encrypted by EncryptedXml.Encrypt(element, certificate) with rsa-1_5.
        String masterKey = "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/"
                + "dataProtection\"><!-- Warning: the key below is in an unencrypted form. --><value>QEFCQ0RFRkdISU"
                + "pLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+fw==</value></masterKey>";
        String encryptedData = CertificateXmlEncryptionTest.dotNetStyleEncryptedData(certA, masterKey)
                .replace("><", ">\n          <");
        String keyFile = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<key id=\"a5fc051e-6bf3-4fb8-b5e5-1e62193dbd37\" version=\"1\">\n"
                + "  <creationDate>2024-03-08T00:52:28.2142468Z</creationDate>\n"
                + "  <activationDate>2024-03-08T00:52:28.2059047Z</activationDate>\n"
                + "  <expirationDate>2024-06-06T00:52:28.2059047Z</expirationDate>\n"
                + "  <descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption."
                + "ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore."
                + "DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60\">\n"
                + "    <descriptor>\n"
                + "      <encryption algorithm=\"AES_192_CBC\" />\n"
                + "      <validation algorithm=\"HMACSHA256\" />\n"
                + "      <encryptedSecret decryptorType=\"Microsoft.AspNetCore.DataProtection.XmlEncryption."
                + "EncryptedXmlDecryptor, Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, "
                + "PublicKeyToken=adb9793829ddae60\" xmlns=\"http://schemas.asp.net/2015/03/dataProtection\">\n"
                + "        " + encryptedData + "\n"
                + "      </encryptedSecret>\n"
                + "    </descriptor>\n"
                + "  </descriptor>\n"
                + "</key>";

        KeyElement key = (KeyElement) KeyXml.parse(keyFile);
        KeyXml.KeyMaterial material = KeyXml.readDescriptor(key, List.of(EncryptedXmlDecryptor.of(certB, certA)));

        assertThat(material.algorithms().encryption()).isEqualTo(EncryptionAlgorithm.AES_192_CBC);
        byte[] expected = new byte[64];
        for (int i = 0; i < 64; i++) {
            expected[i] = (byte) (0x40 + i);
        }
        assertThat(material.masterKey().exposeSecretBytes()).isEqualTo(expected);
    }

    private static byte[] der(CertificateWithKey certificate) {
        try {
            return certificate.certificate().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
