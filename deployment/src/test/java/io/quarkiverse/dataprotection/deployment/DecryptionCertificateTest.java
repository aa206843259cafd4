package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A key ring encrypted with an old certificate stays readable when the application encrypts with a new PEM certificate
 * and lists the old PKCS#12 one under key-encryption.decryption-certificates.
 */
class DecryptionCertificateTest {

    static final String APPLICATION = "decryption-certificate-test";
    /** Made by the first of the class's two loads, found by the second through system properties. */
    static final Path DIR = prepare();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.application-name", APPLICATION)
            .overrideConfigKey("quarkus.data-protection.key-store", "file")
            .overrideConfigKey("quarkus.data-protection.file.directory", DIR.resolve("keys").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "certificate")
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pem.certificate-path",
                    DIR.resolve("new.pem").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pem.private-key-path",
                    DIR.resolve("new.pem").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.decryption-certificates.old.pkcs12.path",
                    DIR.resolve("old.pfx").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.decryption-certificates.old.pkcs12.password",
                    "old");

    @Inject
    @Protector("legacy")
    DataProtector protector;

    @Test
    void payloadOfAKeyEncryptedWithTheOldCertificate_unprotects() {
        assertThat(protector.unprotect(System.getProperty("data-protection.test.decryption.payload")))
                .isEqualTo("written under the old certificate");
    }

    private static Path prepare() {
        String existing = System.getProperty("data-protection.test.decryption.dir");
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory("decryption-certificate");
            CertificateWithKey old = TestCertificates.generate("old-certificate");
            TestCertificates.writePkcs12(dir, "old.pfx", old, "old".toCharArray());
            CertificateWithKey current = TestCertificates.generate("new-certificate");
            Files.writeString(dir.resolve("new.pem"), TestCertificates.certificatePem(current)
                    + TestCertificates.privateKeyPem(current));
            try (DataProtectionProvider provider = DataProtectionProvider.builder().applicationName(APPLICATION)
                    .repository(new FileSystemXmlRepository(dir.resolve("keys")))
                    .keyEncryptor(new CertificateXmlEncryptor(old)).build()) {
                System.setProperty("data-protection.test.decryption.payload",
                        provider.createProtector("legacy").protect("written under the old certificate"));
            }
            System.setProperty("data-protection.test.decryption.dir", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
