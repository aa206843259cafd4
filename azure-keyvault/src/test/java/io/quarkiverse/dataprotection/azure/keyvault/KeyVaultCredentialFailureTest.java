package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.testing.FakeTokenEndpoint;
import io.quarkiverse.dataprotection.testing.TestCertificate;
import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSourceException;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * A real azure-identity {@code ClientSecretCredential} whose token endpoint (the fake's) refuses the secret: one message
 * naming the vault, the credential's own first line and what to check, for key wrap and for the certificate source;
 * the credential is asked once, not once per SDK retry; recovery once it works.
 */
class KeyVaultCredentialFailureTest {

    static final String SECRET = "the-wrong-client-secret-value";
    static final String CLIENT = "00000000-0000-4000-8000-0000000a11ce";
    FakeKeyVaultServer vault;
    final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startVault() {
        vault = FakeKeyVaultServer.start();
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    String expectedMessage() {
        return "Azure credential failed for vault " + vault.vaultUrl() + ": " + FakeTokenEndpoint.REFUSAL
                + " — check the tenant id " + FakeKeyVaultServer.TENANT + ", the client id " + CLIENT + " and the "
                + "client secret (a secret expires; use its value, not its id)";
    }

    @Test
    void refusedClientSecret_unwrapFailsWithTheCredentialMessage_thenRecovers() {
        vault.keys().create("dp");
        Element wrapped = AzureKeyVaultKeyEncryptionTest.wrapMasterKey(AzureKeyVaultKeyEncryption
                .builder(vault.vaultUrl(), "dp").credential(vault.credential()).httpClient(vault.httpClient())
                .disableChallengeResourceVerification().build());
        AzureKeyVaultKeyEncryption encryption = AzureKeyVaultKeyEncryption.builder(vault.vaultUrl(), "dp")
                .clientSecretCredential(FakeKeyVaultServer.TENANT, CLIENT, SECRET).authorityHost(vault.vaultUrl())
                .httpClient(vault.httpClient()).retry(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .disableChallengeResourceVerification().outagePause(Duration.ZERO)
                .listener((operation, outcome) -> calls.add(operation.tag() + ":" + outcome.tag())).build();
        vault.tokens().refuse(true);
        int tokenRequests = vault.tokens().tokenRequests();

        Throwable failure = catchThrowable(() -> encryption.decryptor().decrypt(wrapped));

        assertThat(failure).isInstanceOf(KeyDecryptionException.class).hasMessage(expectedMessage());
        assertThat(encryption.lastFailure()).hasValue(expectedMessage());
        assertNothingLeaks(failure);
        assertThat(vault.tokens().tokenRequests() - tokenRequests).as("not retried by the vault client").isEqualTo(1);
        assertThat(calls).containsExactly("unwrap_key:credential_failure");

        vault.tokens().refuse(false);
        assertThat(encryption.decryptor().decrypt(wrapped).getLocalName()).isEqualTo("masterKey");
        assertThat(encryption.lastFailure()).isEmpty();
        assertThat(calls).containsExactly("unwrap_key:credential_failure", "unwrap_key:success");
    }

    @Test
    void refusedClientSecret_certificateSourceFailsWithTheSameKindOfMessage() {
        TestCertificate certificate = TestCertificates.of(TestCertificates.generate("credential-test"));
        vault.addVersion("dp", certificate);
        vault.tokens().refuse(true);
        AzureKeyVaultCertificateSource source = AzureKeyVaultCertificateSource.builder(vault.vaultUrl(), "dp")
                .clientSecretCredential(FakeKeyVaultServer.TENANT, CLIENT, SECRET).authorityHost(vault.vaultUrl())
                .httpClient(vault.httpClient()).retry(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .disableChallengeResourceVerification()
                .listener((operation, outcome) -> calls.add(operation.tag() + ":" + outcome.tag())).build();

        Throwable failure = catchThrowable(source::certificates);

        assertThat(failure).isInstanceOf(CertificateSourceException.class).hasMessage(expectedMessage());
        assertNothingLeaks(failure);
        assertThat(calls).containsExactly("get_certificate:credential_failure");

        vault.tokens().refuse(false);
        assertThat(source.refresh().encryptionCertificate().thumbprint())
                .isEqualTo(TestCertificates.of(certificate).thumbprint());
    }

    private static void assertNothingLeaks(Throwable failure) {
        String everything = Throwables.messages(failure);
        assertThat(everything).doesNotContain("NullPointerException").doesNotContain(SECRET)
                .doesNotContain(FakeKeyVaultServer.TOKEN);
    }
}
