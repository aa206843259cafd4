package io.quarkiverse.dataprotection.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * PKCS#12 files generated per test class. A QuarkusUnitTest class is loaded twice (JUnit's and Quarkus's class
 * loaders), so the directory is remembered in a system property and both loads see the same file.
 */
final class TestPkcs12Files {

    static final String PASSWORD = "changeit";

    private TestPkcs12Files() {
    }

    /** A directory holding {@code dp.pfx}, a certificate for CN=data-protection-test valid for {@code validity}. */
    static Path directory(String name, Duration validity) {
        String property = "data-protection.test." + name;
        String existing = System.getProperty(property);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory(name);
            TestCertificates.writePkcs12(dir, "dp.pfx", TestCertificates.generate("data-protection-test",
                    validity), PASSWORD.toCharArray());
            System.setProperty(property, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(Path pkcs12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }
}
