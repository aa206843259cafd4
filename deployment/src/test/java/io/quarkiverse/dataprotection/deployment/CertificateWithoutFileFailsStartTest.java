package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class CertificateWithoutFileFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "certificate")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Missing quarkus.data-protection.key-encryption.certificate.pkcs12.path: it is required "
                            + "unless PEM files are given")
                    .contains(".pem.certificate-path"));

    @Test
    void certificateTypeWithoutFiles_failsStartNamingTheProperties() {
        // assertException checks the failure
    }
}
