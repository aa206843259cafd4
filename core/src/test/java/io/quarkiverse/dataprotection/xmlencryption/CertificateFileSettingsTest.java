package io.quarkiverse.dataprotection.xmlencryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.InvalidSettingException;

/** The one rule for certificate files: a PKCS#12 file or PEM certificate and key files, exactly one of them. */
class CertificateFileSettingsTest {

    static final CertificateWithKey CERTIFICATE = TestCertificates.generate("file-settings");

    @Test
    void pkcs12Path_readsThePasswordProtectedFile(@TempDir Path dir) {
        Path pfx = TestCertificates.writePkcs12(dir, "a.pfx", CERTIFICATE, "pw".toCharArray());

        CertificateSource source = new CertificateFileSettings(pfx.toString(), "pw", null, null).source();

        assertThat(source.certificates().encryptionCertificate().thumbprint()).isEqualTo(CERTIFICATE.thumbprint());
    }

    @Test
    void pemPaths_mayNameOneFileHoldingBoth(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("both.pem"), TestCertificates.certificatePem(CERTIFICATE)
                + TestCertificates.privateKeyPem(CERTIFICATE));

        CertificateSource source = new CertificateFileSettings(null, null, pem.toString(), pem.toString()).source();

        assertThat(source.certificates().encryptionCertificate().thumbprint()).isEqualTo(CERTIFICATE.thumbprint());
    }

    @Test
    void noFile_namesThePkcs12PathAndThePemAlternative() {
        assertThatThrownBy(() -> new CertificateFileSettings(null, null, null, null).source())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Missing pkcs12Path: it is required unless PEM files are given; set it to a PKCS#12 "
                        + "file, or set pemCertificatePath and pemPrivateKeyPath");
        assertThat(new CertificateFileSettings(null, "pw", null, null).isPresent()).isFalse();
    }

    @Test
    void bothKinds_orAPemPathAlone_areRejected() {
        assertThatThrownBy(() -> new CertificateFileSettings("/a.pfx", null, "/c.pem", null).source())
                .hasMessage("Invalid pemCertificatePath=/c.pem: set either pkcs12Path or pemCertificatePath and "
                        + "pemPrivateKeyPath, not both");
        assertThatThrownBy(() -> new CertificateFileSettings(null, null, "/c.pem", null).source())
                .hasMessageStartingWith("Missing pemPrivateKeyPath: it is required with pemCertificatePath");
        assertThatThrownBy(() -> new CertificateFileSettings(null, null, null, "/k.pem").source())
                .hasMessageStartingWith("Missing pemCertificatePath: it is required with pemPrivateKeyPath");
        assertThatThrownBy(() -> new CertificateFileSettings(" ", null, null, null).source())
                .hasMessage("Invalid pkcs12Path='': set it to a file path");
    }

    @Test
    void toString_hidesThePassword() {
        assertThat(new CertificateFileSettings("/a.pfx", "s3cret", null, null).toString())
                .contains("pkcs12Password=***").doesNotContain("s3cret");
    }
}
