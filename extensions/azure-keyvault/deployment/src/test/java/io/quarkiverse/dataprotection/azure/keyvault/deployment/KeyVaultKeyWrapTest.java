package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkus.test.QuarkusUnitTest;
import reactor.core.publisher.Mono;

/**
 * {@code key-encryption.type=azure-key-vault-key}: the key created at start is wrapped by the Key Vault key through
 * the Vert.x transport, payloads round-trip, readiness names the key, and Key Vault calls are counted by operation and
 * outcome.
 */
class KeyVaultKeyWrapTest {

    static final SharedFakeVault.Handle VAULT = SharedFakeVault.get("key-wrap", (vault, functions) -> {
        String version = vault.keys().create("dp");
        functions.put("kid", ignored -> vault.keys().keyId("dp", version));
        functions.put("wraps", ignored -> vault.keys().wrapCount());
    });

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Beans.class, SharedFakeVault.class))
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault-key")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url", VAULT.vaultUrl())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.key-name", "dp")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-path", VAULT.trustStore())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-password", "trust")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.challenge-resource-verification",
                    "false");

    @Singleton
    static class Beans {

        static final InMemoryXmlRepository STORE = new InMemoryXmlRepository();

        @Produces
        @Singleton
        TokenCredential credential() {
            return request -> Mono.just(new AccessToken(FakeKeyVaultServer.TOKEN, OffsetDateTime.now().plusHours(1)));
        }

        @Produces
        @Singleton
        XmlRepository store() {
            return STORE;
        }
    }

    @Inject
    @Protector("key-wrap")
    DataProtector protector;

    @Inject
    MeterRegistry registry;

    @Test
    void keyCreatedAtStart_isWrappedByTheVaultKey_payloadsRoundTrip_andCallsAreCounted() {
        assertThat(protector.unprotect(protector.protect("secret"))).isEqualTo("secret");

        String stored = Beans.STORE.readAll().get(0).xml();
        assertThat(stored).contains("<kid>" + VAULT.call("kid", null) + "</kid>").doesNotContain("<masterKey");
        assertThat((Long) VAULT.call("wraps", null)).isEqualTo(1);
        assertThat(registry.get("data_protection.key_vault.calls").tag("operation", "wrap_key")
                .tag("outcome", "success").counter().count()).isEqualTo(1);
        String check = "checks.find { it.name == 'data-protection' }";
        when().get("/q/health/ready").then().statusCode(200)
                .body(check + ".status", equalTo("UP"))
                .body(check + ".data.key-encryption", equalTo("Azure Key Vault key " + VAULT.vaultUrl()
                        + "/keys/dp (newest version)"));
    }
}
