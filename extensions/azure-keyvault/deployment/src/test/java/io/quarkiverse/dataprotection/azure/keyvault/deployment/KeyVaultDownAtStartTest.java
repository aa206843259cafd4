package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkus.test.QuarkusUnitTest;
import reactor.core.publisher.Mono;

/**
 * A vault that refuses access at start: the application starts, and readiness is down naming the vault, the
 * certificate and the HTTP status (a 403 is not retried, so the test is quick). Once the vault answers, the background
 * retry loads the certificate and at once reads the key ring again, creating an encrypted key: ready (without
 * waiting for the 5-minute key-ring refresh).
 */
class KeyVaultDownAtStartTest {

    /** Started by the first of the test class's two loads, and found by the second through a system property. */
    static final String VAULT_URL = vault();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Credential.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.refresh-period", "5M") // recovery must not wait for it
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url", VAULT_URL)
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.certificate-name", "dp")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-path",
                    System.getProperty("data-protection.test.down-vault.trust-store"))
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-password", "trust")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.challenge-resource-verification",
                    "false");

    @Singleton
    static class Credential {

        @Produces
        @Singleton
        TokenCredential credential() {
            return request -> Mono.just(new AccessToken(FakeKeyVaultServer.TOKEN, OffsetDateTime.now().plusHours(1)));
        }
    }

    @Inject
    DataProtectionProvider provider;

    @Test
    void vaultRefusingAccessAtStart_notReadyNamingVaultCertificateAndStatus_thenReadyOnceItAnswers() throws Exception {
        // the key ring is read in the background at start: look at readiness once that read is done
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        String check = "checks.find { it.name == 'data-protection' }";
        when().get("/q/health/ready").then().statusCode(503)
                .body(check + ".status", equalTo("DOWN"))
                .body(check + ".data.reason", allOf(containsString("key encryption certificates could not be loaded"),
                        containsString(VAULT_URL), containsString("'dp'"), containsString("403")));

        // The server lives in the other class loader's copy of this class; a JDK type crosses over.
        ((Runnable) System.getProperties().get("data-protection.test.down-vault.heal")).run();
        Instant deadline = Instant.now().plusSeconds(30);
        while (when().get("/q/health/ready").statusCode() != 200 && Instant.now().isBefore(deadline)) {
            sleep();
        }
        when().get("/q/health/ready").then().statusCode(200)
                .body(check + ".data.certificate-subject", equalTo("CN=key-vault-test"));
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String vault() {
        String existing = System.getProperty("data-protection.test.down-vault.url");
        if (existing != null) {
            return existing;
        }
        try {
            FakeKeyVaultServer vault = FakeKeyVaultServer.start();
            vault.addVersion("dp", CertificateGenerator.generate("key-vault-test"));
            vault.failAlways(403);
            System.getProperties().put("data-protection.test.down-vault.heal", (Runnable) () -> vault.failAlways(0));
            String trustStore = vault.writeTrustStore(Files.createTempFile("down-vault", ".p12"), "trust".toCharArray())
                    .toString();
            System.setProperty("data-protection.test.down-vault.trust-store", trustStore);
            System.setProperty("data-protection.test.down-vault.url", vault.vaultUrl());
            return vault.vaultUrl();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
