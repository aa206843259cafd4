package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSet;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSourceException;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptionTest;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/** The Key Vault source through the real Azure SDK clients, against {@link FakeKeyVaultServer}. */
class AzureKeyVaultCertificateSourceTest {

    static final String NAME = "data-protection";
    static CertificateWithKey certA;
    static CertificateWithKey certB;
    static CertificateWithKey certC;

    FakeKeyVaultServer vault;

    @BeforeAll
    static void certificates() {
        certA = TestCertificates.generate("kv-A");
        certB = TestCertificates.generate("kv-B");
        certC = TestCertificates.generate("kv-C");
    }

    @BeforeEach
    void startVault() {
        vault = FakeKeyVaultServer.start();
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    AzureKeyVaultCertificateSource source(String name) {
        return AzureKeyVaultCertificateSource.builder(vault.vaultUrl(), name).credential(vault.credential())
                .httpClient(vault.httpClient()).retry(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .disableChallengeResourceVerification().build();
    }

    @Test
    void start_fetchesTheCurrentVersionAfterTheBearerChallenge() {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        AzureKeyVaultCertificateSource source = source(NAME);
        assertThat(vault.requests()).as("building does no I/O").isEmpty();

        CertificateSet set = source.certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
        assertThat(set.encryptionCertificate().hasPrivateKey()).isTrue();
        assertThat(source.currentVersion()).isEqualTo(v1);
        assertThat(vault.requests().get(0)).as("first request unauthenticated, answered with the challenge")
                .startsWith("GET /certificates/" + NAME);
        assertThat(vault.challengesIssued()).as("one per SDK client").isEqualTo(2);
        assertThat(vault.tokenRequests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getScopes()).containsExactly("https://vault.azure.net/.default");
            assertThat(request.getTenantId()).isEqualTo(FakeKeyVaultServer.TENANT);
        });
        assertThat(vault.secretFetches(NAME, v1)).isEqualTo(1);
        assertThat(source.description()).contains(vault.vaultUrl()).contains(NAME);
    }

    @Test
    void certificatesCalls_afterStart_doNoIo() {
        vault.addVersion(NAME, TestCertificates.of(certA));
        AzureKeyVaultCertificateSource source = source(NAME);
        source.certificates();
        int before = vault.requests().size();

        for (int i = 0; i < 50; i++) {
            source.certificates();
        }

        assertThat(vault.requests()).hasSize(before);
    }

    @Test
    void rotation_newVersionEncrypts_oldStillDecrypts_eachVersionFetchedOnce() throws Exception {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        AzureKeyVaultCertificateSource source = source(NAME);
        CertificateXmlEncryptor encryptor = new CertificateXmlEncryptor(source);
        EncryptedXmlDecryptor decryptor = new EncryptedXmlDecryptor(source);
        Element underA = encryptor.encrypt(CertificateXmlEncryptionTest.masterKey()).encryptedElement();

        String v2 = vault.addVersion(NAME, TestCertificates.of(certB));
        source.refresh();
        Element underB = encryptor.encrypt(CertificateXmlEncryptionTest.masterKey()).encryptedElement();
        source.refresh();
        source.refresh();

        assertThat(encryptor.encryptingCertificate().thumbprint()).isEqualTo(certB.thumbprint());
        assertThat(underB.getElementsByTagNameNS(CertificateXmlEncryptionTest.DSIG, "X509Certificate").item(0).getTextContent())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(certB.certificate().getEncoded()));
        assertThat(decryptor.decrypt(underA).getLocalName()).isEqualTo("masterKey");
        assertThat(decryptor.decrypt(underB).getLocalName()).isEqualTo("masterKey");
        assertThat(source.currentVersion()).isEqualTo(v2);
        assertThat(vault.secretFetches(NAME, v1)).isEqualTo(1);
        assertThat(vault.secretFetches(NAME, v2)).isEqualTo(1);
    }

    @Test
    void disabledVersions_areNeitherFetchedNorUsed() {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        String v2 = vault.addVersion(NAME, TestCertificates.of(certB));
        String v3 = vault.addVersion(NAME, TestCertificates.of(certC));
        vault.setEnabled(NAME, v2, false);

        CertificateSet set = source(NAME).certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certC.thumbprint());
        assertThat(set.decryptionCertificates()).extracting(CertificateWithKey::thumbprint)
                .containsExactlyInAnyOrder(certA.thumbprint(), certC.thumbprint());
        assertThat(vault.secretFetches(NAME, v2)).isZero();
        assertThat(vault.secretFetches(NAME, v1)).isEqualTo(1);
        assertThat(vault.secretFetches(NAME, v3)).isEqualTo(1);
    }

    @Test
    void versionDisabledAfterStart_isDroppedOnRefresh() {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        vault.addVersion(NAME, TestCertificates.of(certB));
        AzureKeyVaultCertificateSource source = source(NAME);
        assertThat(source.certificates().decryptionCertificates()).hasSize(2);

        vault.setEnabled(NAME, v1, false);

        assertThat(source.refresh().decryptionCertificates()).extracting(CertificateWithKey::thumbprint)
                .containsExactly(certB.thumbprint());
    }

    @Test
    void pemSecret_loads() {
        vault.addVersion(NAME, TestCertificates.of(certA), FakeKeyVaultServer.PEM);

        CertificateSet set = source(NAME).certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
        assertThat(set.encryptionCertificate().hasPrivateKey()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 403 })
    void authenticationAndAuthorizationFailures_nameVaultCertificateAndStatus(int status) {
        vault.addVersion(NAME, TestCertificates.of(certA));
        vault.failAlways(status);

        assertThatThrownBy(() -> source(NAME).certificates())
                .isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining(vault.vaultUrl())
                .hasMessageContaining("'" + NAME + "'")
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void forbidden_namesTheRoleToGrant_inOneMessage() {
        vault.addVersion(NAME, TestCertificates.of(certA));
        vault.failAlways(403);

        assertThatThrownBy(() -> source(NAME).certificates()).isInstanceOf(CertificateSourceException.class)
                .hasMessage("Azure Key Vault " + vault.vaultUrl() + ", certificate '" + NAME + "': getCertificate "
                        + "failed with HTTP 403 — grant the identity the RBAC role 'Key Vault Certificate User' on the "
                        + "vault or the certificate (or an access policy with get and list on certificates and get on "
                        + "secrets); with a vault firewall, also allow this network (Key Vault says: injected failure 403)");
    }

    @Test
    void calls_areReportedByOperationAndOutcome() {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        vault.addVersion(NAME, TestCertificates.of(certB));
        vault.failPath("/secrets/" + NAME + "/" + v1, 403);
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        AzureKeyVaultCertificateSource source = AzureKeyVaultCertificateSource.builder(vault.vaultUrl(), NAME)
                .credential(vault.credential()).httpClient(vault.httpClient())
                .retry(3, Duration.ofMillis(5), Duration.ofMillis(20)).disableChallengeResourceVerification()
                .listener((operation, outcome) -> calls.add(operation.tag() + ":" + outcome.tag())).build();

        source.certificates();

        assertThat(calls).containsExactly("get_certificate:success", "list_certificate_versions:success",
                "get_secret:success", "get_secret:forbidden");
    }

    @Test
    void unknownCertificate_fails404NamingVaultAndCertificate() {
        vault.addVersion(NAME, TestCertificates.of(certA));

        assertThatThrownBy(() -> source("no-such-certificate").certificates())
                .isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining(vault.vaultUrl())
                .hasMessageContaining("'no-such-certificate'")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("HTTP 404 — check the vault URL and the certificate name");
    }

    @Test
    void throttlingAndServerErrors_areRetriedThenSucceed() {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        vault.failNext(429, 503, 500);

        CertificateSet set = source(NAME).certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
        assertThat(vault.requestCount("/certificates/" + NAME + "/")
                + vault.requestCount("/certificates/" + NAME)).as("challenge + 3 failures + success").isEqualTo(5);
        assertThat(vault.secretFetches(NAME, v1)).isEqualTo(1);
    }

    @Test
    void persistentServerErrors_giveUpAfterBoundedRetries() {
        vault.addVersion(NAME, TestCertificates.of(certA));
        vault.failNext(503, 503, 503, 503, 503, 503);

        assertThatThrownBy(() -> source(NAME).certificates())
                .isInstanceOf(CertificateSourceException.class).hasMessageContaining("HTTP 503")
                .hasMessageContaining(vault.vaultUrl());
        assertThat(vault.requests()).as("challenge + 1 try + 3 retries").hasSize(5);
    }

    @Test
    void failedRefresh_keepsTheCertificatesLoadedBefore() {
        vault.addVersion(NAME, TestCertificates.of(certA));
        AzureKeyVaultCertificateSource source = source(NAME);
        source.certificates();
        vault.addVersion(NAME, TestCertificates.of(certB));
        vault.failAlways(403);

        assertThatThrownBy(source::refresh).isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining("HTTP 403");
        assertThat(source.certificates().encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
    }

    @Test
    void unreachableVault_failsNamingVaultAndCertificate() {
        vault.addVersion(NAME, TestCertificates.of(certA));
        AzureKeyVaultCertificateSource source = source(NAME);
        vault.close();

        assertThatThrownBy(source::certificates).isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining(vault.vaultUrl()).hasMessageContaining("'" + NAME + "'")
                .hasMessageContaining("no HTTP response");
    }

    @Test
    void failedStart_isNotRetriedByLaterReads_onlyByRefresh() {
        vault.addVersion(NAME, TestCertificates.of(certA));
        vault.failAlways(403);
        AzureKeyVaultCertificateSource source = source(NAME);
        assertThatThrownBy(source::certificates).isInstanceOf(CertificateSourceException.class);
        int requests = vault.requests().size();

        assertThatThrownBy(source::certificates).isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining("refresh()").hasMessageContaining("HTTP 403");
        assertThat(vault.requests()).as("no I/O on the key-ring path").hasSize(requests);

        vault.failAlways(0);
        assertThat(source.refresh().encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
        assertThat(source.certificates().encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
    }

    @Test
    void nonExportableKey_failsWithTheExportableHint() {
        vault.addNonExportableVersion(NAME, TestCertificates.of(certA));

        assertThatThrownBy(() -> source(NAME).certificates()).isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining("no private key").hasMessageContaining("exportable")
                .hasMessageContaining(vault.vaultUrl());
    }

    @Test
    void olderVersionUnreadable_isSkipped_andFetchedOnALaterRefresh() {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        vault.addVersion(NAME, TestCertificates.of(certB));
        vault.failPath("/secrets/" + NAME + "/" + v1, 403);
        AzureKeyVaultCertificateSource source = source(NAME);

        assertThat(source.certificates().decryptionCertificates()).extracting(CertificateWithKey::thumbprint)
                .containsExactly(certB.thumbprint());

        vault.clearPathFailures();
        assertThat(source.refresh().decryptionCertificates()).extracting(CertificateWithKey::thumbprint)
                .containsExactlyInAnyOrder(certA.thumbprint(), certB.thumbprint());
        assertThat(vault.secretFetches(NAME, v1)).as("one refused, one served").isEqualTo(2);
    }

    @Test
    void concurrentFirstCalls_loadOnce() throws Exception {
        String v1 = vault.addVersion(NAME, TestCertificates.of(certA));
        AzureKeyVaultCertificateSource source = source(NAME);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<CertificateSet>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return source.certificates();
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get().encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(vault.secretFetches(NAME, v1)).isEqualTo(1);
        assertThat(vault.authenticatedRequestCount("/certificates/" + NAME + "/versions")).isEqualTo(1);
    }

    @Test
    void builder_rejectsNonHttpsVaultUrls() {
        assertThatThrownBy(() -> AzureKeyVaultCertificateSource.builder("http://vault.example", NAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
    }
}
