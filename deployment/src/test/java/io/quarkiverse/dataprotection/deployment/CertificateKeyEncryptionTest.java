package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkus.test.QuarkusUnitTest;

/** key-encryption.type=certificate with a PKCS#12 file made by the test: keys are stored encrypted. */
class CertificateKeyEncryptionTest {

    /** The test class is loaded twice (JUnit's and Quarkus's class loaders): one directory for both. */
    static final Path DIR = TestPkcs12Files.directory("certificate-key-encryption", Duration.ofDays(365));

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(TestPkcs12Files.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "file")
            .overrideConfigKey("quarkus.data-protection.file.directory", DIR.resolve("keys").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "certificate")
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.path",
                    DIR.resolve("dp.pfx").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.password", TestPkcs12Files.PASSWORD);

    @Inject
    @Protector("orders")
    DataProtector protector;

    @Test
    void storedKeys_holdAnEncryptedSecretAndNoPlaintextValue() throws IOException {
        assertThat(protector.unprotect(protector.protect("order #42"))).isEqualTo("order #42");
        List<String> keys = keyFiles(DIR.resolve("keys"));
        assertThat(keys).isNotEmpty().allSatisfy(xml -> assertThat(xml)
                .contains("encryptedSecret")
                .contains("EncryptedData")
                .doesNotContain("<value>"));
    }

    @Test
    void readiness_showsTheEncryptingCertificateWithoutWarning() throws Exception {
        X509Certificate certificate = TestPkcs12Files.certificate(DIR.resolve("dp.pfx"));
        String check = "checks.find { it.name == 'data-protection' }";
        when().get("/q/health/ready").then().statusCode(200)
                .body(check + ".status", equalTo("UP"))
                .body(check + ".data.certificate-thumbprint", equalTo(CertificateWithKey.thumbprintOf(certificate)))
                .body(check + ".data.certificate-subject", equalTo("CN=data-protection-test"))
                .body(check + ".data.certificate-expires", notNullValue())
                .body(check + ".data.certificate-warning", nullValue());
    }

    private static List<String> keyFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".xml")).map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
