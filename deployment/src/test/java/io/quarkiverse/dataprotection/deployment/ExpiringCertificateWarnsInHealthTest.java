package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A certificate expiring within 30 days adds a warning to the readiness data; the check stays up. */
class ExpiringCertificateWarnsInHealthTest {

    static final Path DIR = TestPkcs12Files.directory("expiring-certificate", Duration.ofDays(10));

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(TestPkcs12Files.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "certificate")
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.path",
                    DIR.resolve("dp.pfx").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.password",
                    TestPkcs12Files.PASSWORD);

    @Test
    void certificateExpiringIn10Days_isUpWithAWarning() {
        String check = "checks.find { it.name == 'data-protection' }";
        when().get("/q/health/ready").then().statusCode(200)
                .body(check + ".status", equalTo("UP"))
                .body(check + ".data.certificate-warning", containsString("expires"));
    }
}
