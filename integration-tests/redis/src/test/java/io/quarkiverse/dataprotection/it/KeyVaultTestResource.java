package io.quarkiverse.dataprotection.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts core's fake Key Vault (a local HTTPS server speaking the Key Vault REST calls the real Azure SDK makes) with
 * one certificate, and points {@code key-encryption.*} at it: its TLS certificate is trusted through a trust store
 * file, and the bearer challenge's resource check is off because it is not under {@code *.vault.azure.net}. The
 * encrypting certificate's thumbprint is published as the system property {@value #THUMBPRINT_PROPERTY}.
 */
public class KeyVaultTestResource implements QuarkusTestResourceLifecycleManager {

    static final String THUMBPRINT_PROPERTY = "data-protection.test.key-vault.thumbprint";
    static final String CERTIFICATE_NAME = "data-protection";

    private FakeKeyVaultServer vault;
    private Path trustStore;

    @Override
    public Map<String, String> start() {
        vault = FakeKeyVaultServer.start();
        CertificateWithKey certificate = TestCertificates.generate("data-protection-example");
        vault.addVersion(CERTIFICATE_NAME, TestCertificates.of(certificate));
        System.setProperty(THUMBPRINT_PROPERTY, certificate.thumbprint());
        try {
            trustStore = vault.writeTrustStore(Files.createTempFile("fake-key-vault", ".p12"), "trust".toCharArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String prefix = "quarkus.data-protection.key-encryption.";
        return Map.of(prefix + "type", "azure-key-vault",
                prefix + "azure-key-vault.vault-url", vault.vaultUrl(),
                prefix + "azure-key-vault.certificate-name", CERTIFICATE_NAME,
                prefix + "azure-key-vault.trust-store-path", trustStore.toString(),
                prefix + "azure-key-vault.trust-store-password", "trust",
                prefix + "azure-key-vault.challenge-resource-verification", "false");
    }

    @Override
    public void stop() {
        System.clearProperty(THUMBPRINT_PROPERTY);
        if (vault != null) {
            vault.close();
        }
        try {
            if (trustStore != null) {
                Files.deleteIfExists(trustStore);
            }
        } catch (IOException e) {
            // a temporary file; nothing to do
        }
    }
}
