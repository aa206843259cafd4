package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.testing.FakeVaultKeys;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptionTest;

/**
 * Key wrap through the real Azure SDK {@code CryptographyClient} against {@link FakeKeyVaultServer}, whose keys are
 * real RSA keys: the wrapKey/unwrapKey contract, the bearer challenge, rotation, the allow-list, and every failure
 * with the message it must give.
 */
class AzureKeyVaultKeyEncryptionTest {

    static final String NAME = "data-protection";
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

    AzureKeyVaultKeyEncryptionBuilder builder(String keyIdentifier) {
        return AzureKeyVaultKeyEncryption.builder(keyIdentifier).credential(vault.credential())
                .httpClient(vault.httpClient()).retry(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .disableChallengeResourceVerification().outagePause(Duration.ZERO)
                .listener((operation, outcome) -> calls.add(operation.tag() + ":" + outcome.tag()));
    }

    AzureKeyVaultKeyEncryption encryption() {
        return builder(vault.vaultUrl() + "/keys/" + NAME).build();
    }

    static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }

    @Test
    void wrap_isRsaOaepByTheVaultsKey_andUnwrapGivesTheMasterKeyBack() throws Exception {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        assertThat(vault.requests()).as("building does no I/O").isEmpty();

        Element wrapped = encryption.encryptor().encrypt(CertificateXmlEncryptionTest.masterKey()).encryptedElement();
        Element unwrapped = encryption.decryptor().decrypt(wrapped);

        assertThat(text(wrapped, "kid")).as("the versioned id Key Vault answered").isEqualTo(vault.keys().keyId(NAME, v1));
        byte[] contentKey = vault.keys().unwrap(NAME, v1, Base64.getDecoder().decode(text(wrapped, "key")));
        assertThat(contentKey).as("an AES-128 content key, RSA-OAEP-wrapped with the vault's key").hasSize(16);
        assertThat(unwrapped.getLocalName()).isEqualTo("masterKey");
        assertThat(text(unwrapped, "value")).isEqualTo(text(CertificateXmlEncryptionTest.masterKey(), "value"));
        assertThat(vault.requests().get(0)).as("first request unauthenticated, answered with the challenge")
                .isEqualTo("POST /keys/" + NAME + "//wrapkey");
        assertThat(vault.tokenRequests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getScopes()).containsExactly("https://vault.azure.net/.default");
            assertThat(request.getTenantId()).isEqualTo(FakeKeyVaultServer.TENANT);
        });
        assertThat(vault.keys().operations()).extracting(FakeVaultKeys.Operation::kind)
                .containsExactly("wrapkey", "unwrapkey");
        assertThat(vault.keys().operations().get(1).keyId()).isEqualTo(vault.keys().keyId(NAME, v1));
        assertThat(calls).containsExactly("wrap_key:success", "unwrap_key:success");
        assertThat(encryption.lastFailure()).isEmpty();
    }

    @Test
    void rotation_newVersionWraps_oldKeysStillUnwrapByTheirKidVersion() {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        Element underV1 = wrapMasterKey(encryption);
        String v2 = vault.keys().create(NAME);

        Element underV2 = wrapMasterKey(encryption);

        assertThat(text(underV1, "kid")).endsWith("/" + v1);
        assertThat(text(underV2, "kid")).as("a versionless key wraps with the newest version at once").endsWith("/" + v2);
        assertThat(encryption.decryptor().decrypt(underV1).getLocalName()).isEqualTo("masterKey");
        assertThat(encryption.decryptor().decrypt(underV2).getLocalName()).isEqualTo("masterKey");
        assertThat(vault.keys().operations().stream().filter(o -> o.kind().equals("unwrapkey"))
                .map(FakeVaultKeys.Operation::keyId)).containsExactly(vault.keys().keyId(NAME, v1),
                        vault.keys().keyId(NAME, v2));
        assertThat(encryption.encryptor().isCurrent(underV2)).isTrue();
        assertThat(encryption.encryptor().isCurrent(underV1)).as("re-encryption moves it to the new version").isFalse();
    }

    @Test
    void pinnedVersion_keepsWrappingWithIt() {
        String v1 = vault.keys().create(NAME);
        vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption pinned = builder(vault.keys().keyId(NAME, v1)).build();

        Element wrapped = wrapMasterKey(pinned);

        assertThat(text(wrapped, "kid")).isEqualTo(vault.keys().keyId(NAME, v1));
        assertThat(pinned.encryptor().isCurrent(wrapped)).isTrue();
        assertThat(pinned.encryptor().description()).isEqualTo("Azure Key Vault key " + vault.keys().keyId(NAME, v1));
    }

    @Test
    void kidOutsideTheAllowedKeys_isRefusedWithoutACall() {
        vault.keys().create(NAME);
        vault.keys().create("other-key");
        AzureKeyVaultKeyEncryption other = builder(vault.vaultUrl() + "/keys/other-key").build();
        Element underOtherKey = wrapMasterKey(other);
        int requests = vault.requests().size();

        assertThatThrownBy(() -> encryption().decryptor().decrypt(underOtherKey))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageStartingWith("The key is wrapped with Azure Key Vault key " + vault.vaultUrl()
                        + "/keys/other-key, which is not an allowed key [" + vault.vaultUrl() + "/keys/" + NAME + "]");
        assertThat(vault.requests()).hasSize(requests);
    }

    @Test
    void kidOfAnotherHost_isRefusedWithoutSendingTheTokenThere() throws Exception {
        vault.keys().create(NAME);
        Element wrapped = wrapMasterKey(encryption());
        wrapped.getElementsByTagName("kid").item(0).setTextContent("https://attacker.example/keys/" + NAME + "/1");
        int requests = vault.requests().size();

        assertThatThrownBy(() -> encryption().decryptor().decrypt(wrapped)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("https://attacker.example/keys/" + NAME + ", which is not an allowed key");
        wrapped.getElementsByTagName("kid").item(0).setTextContent("http://127.0.0.1/keys/x/1\n<script>");
        assertThatThrownBy(() -> encryption().decryptor().decrypt(wrapped)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageStartingWith("The key's <kid> is not a Key Vault key identifier")
                .hasMessageNotContaining("<script>");
        assertThat(vault.requests()).hasSize(requests);
    }

    @Test
    void allowedKey_ofAnotherVaultName_unwraps() {
        vault.keys().create(NAME);
        vault.keys().create("old-key");
        Element underOldKey = wrapMasterKey(builder(vault.vaultUrl() + "/keys/old-key").build());

        AzureKeyVaultKeyEncryption encryption = builder(vault.vaultUrl() + "/keys/" + NAME)
                .allowKey(vault.vaultUrl() + "/keys/OLD-KEY").build();

        assertThat(encryption.decryptor().decrypt(underOldKey).getLocalName()).isEqualTo("masterKey");
    }

    @Test
    void forbiddenUnwrap_namesVaultKeyStatusAndTheRole() {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        Element wrapped = wrapMasterKey(encryption);
        vault.failPath("/keys/" + NAME + "/" + v1 + "/unwrapkey", 403);

        assertThatThrownBy(() -> encryption.decryptor().decrypt(wrapped)).isInstanceOf(KeyDecryptionException.class)
                .hasMessage("Azure Key Vault " + vault.vaultUrl() + ", key '" + NAME + "' version " + v1 + ": unwrapKey "
                        + "failed with HTTP 403 — grant the identity the RBAC role 'Key Vault Crypto User' on the vault "
                        + "or the key (or an access policy with get, wrapKey and unwrapKey on keys); a disabled key "
                        + "version is refused with 403 too; with a vault firewall, also allow this network (Key Vault "
                        + "says: injected failure 403)");
        assertThat(encryption.lastFailure()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 403"));
        assertThat(calls).endsWith("unwrap_key:forbidden");
    }

    @Test
    void disabledVersion_isRefusedWith403() {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        Element wrapped = wrapMasterKey(encryption);
        vault.keys().setEnabled(NAME, v1, false);

        assertThatThrownBy(() -> encryption.decryptor().decrypt(wrapped)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("disabled key version")
                .hasMessageContaining("Operation unwrapkey is not allowed on a disabled key.");
    }

    @Test
    void unknownKey_fails404NamingVaultAndKey() {
        AzureKeyVaultKeyEncryption encryption = builder(vault.vaultUrl() + "/keys/no-such-key").build();

        assertThatThrownBy(() -> wrapMasterKey(encryption)).isInstanceOf(DataProtectionException.class)
                .hasMessageStartingWith("Azure Key Vault " + vault.vaultUrl() + ", key 'no-such-key': wrapKey failed "
                        + "with HTTP 404 — check the vault URL, the key name and the version")
                .hasMessageContaining("A key with (name/id) no-such-key was not found in this key vault.");
        assertThat(calls).containsExactly("wrap_key:not_found");
    }

    @Test
    void vaultRefusingTheToken_fails401NamingTheTenant() {
        vault.keys().create(NAME);
        vault.failAlways(401);

        assertThatThrownBy(() -> wrapMasterKey(encryption())).isInstanceOf(DataProtectionException.class)
                .hasMessageContaining("wrapKey failed with HTTP 401 — the vault refused the token: check that the "
                        + "identity belongs to the vault's tenant");
        assertThat(calls).containsExactly("wrap_key:unauthorized");
    }

    @Test
    void throttling_isRetriedHonouringRetryAfter_thenSucceeds() {
        vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        wrapMasterKey(encryption); // challenge and token out of the way
        vault.retryAfter("1");
        vault.failNext(429);
        long before = vault.requests().size();

        Element wrapped = wrapMasterKey(encryption);

        assertThat(wrapped.getLocalName()).isEqualTo("encryptedKey");
        assertThat(vault.requests().size() - before).as("the 429 and its retry").isEqualTo(2);
        List<Long> arrivals = vault.requestArrivalNanos();
        long gap = arrivals.get(arrivals.size() - 1) - arrivals.get(arrivals.size() - 2);
        assertThat(Duration.ofNanos(gap)).as("waited Retry-After: 1 second, not the 5 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(calls).containsExactly("wrap_key:success", "wrap_key:success");
    }

    @Test
    void persistentThrottling_failsNamingTheThrottlingAndTheRetries() {
        vault.keys().create(NAME);
        vault.failNext(429, 429, 429, 429, 429);

        assertThatThrownBy(() -> wrapMasterKey(encryption())).isInstanceOf(DataProtectionException.class)
                .hasMessageContaining("wrapKey failed with HTTP 429 — Key Vault throttled the calls, retried 3 times "
                        + "honouring Retry-After");
        assertThat(calls).containsExactly("wrap_key:throttled");
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 503 })
    void serverErrors_areRetriedBoundedly_thenNamed(int status) {
        vault.keys().create(NAME);
        vault.failNext(status, status, status, status, status);

        assertThatThrownBy(() -> wrapMasterKey(encryption())).isInstanceOf(DataProtectionException.class)
                .hasMessageContaining("wrapKey failed with HTTP " + status + " — a Key Vault service error, retried 3 "
                        + "times");
        assertThat(vault.requests()).as("challenge + 1 try + 3 retries").hasSize(5);
        assertThat(calls).containsExactly("wrap_key:server_error");
    }

    @Test
    void vaultWideFailure_pausesCallsToThatVault_withTheSameMessage() {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = builder(vault.vaultUrl() + "/keys/" + NAME)
                .outagePause(Duration.ofHours(1)).build();
        Element wrapped = wrapMasterKey(encryption);
        vault.failNext(503, 503, 503, 503);
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> encryption.decryptor().decrypt(wrapped));
        int requests = vault.requests().size();

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> encryption.decryptor().decrypt(wrapped)).isInstanceOf(KeyDecryptionException.class)
                    .hasMessage(first.getMessage());
        }

        assertThat(first).hasMessageContaining("version " + v1 + ": unwrapKey failed with HTTP 503");
        assertThat(vault.requests()).as("a thousand-key ring read during an outage costs one failed call").hasSize(requests);
    }

    @Test
    void keySpecificFailure_doesNotPauseOtherKeys() {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = builder(vault.vaultUrl() + "/keys/" + NAME)
                .outagePause(Duration.ofHours(1)).build();
        Element underV1 = wrapMasterKey(encryption);
        vault.keys().create(NAME);
        Element underV2 = wrapMasterKey(encryption);
        vault.keys().setEnabled(NAME, v1, false);

        assertThatThrownBy(() -> encryption.decryptor().decrypt(underV1)).hasMessageContaining("HTTP 403");
        assertThat(encryption.decryptor().decrypt(underV2).getLocalName()).isEqualTo("masterKey");
        assertThat(encryption.lastFailure()).as("cleared by the success").isEmpty();
    }

    @Test
    void unreachableVault_failsNamingVaultKeyAndNoResponse() {
        vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        vault.close();

        assertThatThrownBy(() -> wrapMasterKey(encryption)).isInstanceOf(DataProtectionException.class)
                .hasMessageStartingWith("Azure Key Vault " + vault.vaultUrl() + ", key '" + NAME + "': wrapKey failed "
                        + "with no HTTP response after 3 retries — ")
                .hasMessageContaining("check the vault URL, DNS, proxy and firewall");
        assertThat(calls).containsExactly("wrap_key:unreachable");
    }

    @Test
    void wrappedKeyOfAnotherKey_failsWith400NamingIt() {
        String v1 = vault.keys().create(NAME);
        AzureKeyVaultKeyEncryption encryption = encryption();
        Element wrapped = wrapMasterKey(encryption);
        wrapped.getElementsByTagName("key").item(0)
                .setTextContent(Base64.getEncoder().encodeToString(new byte[256]));

        assertThatThrownBy(() -> encryption.decryptor().decrypt(wrapped)).isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("version " + v1 + ": unwrapKey failed with HTTP 400 — the key must be an RSA key "
                        + "allowing wrapKey and unwrapKey, and the wrapped data must be its own");
    }

    @Test
    void decryptor_supportsBothTypeNames_andNotTheCertificateOne() {
        AzureKeyVaultXmlDecryptor decryptor = encryption().decryptor();

        assertThat(decryptor.supports("Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor")).isTrue();
        assertThat(decryptor.supports("Microsoft.AspNetCore.DataProtection.AzureKeyVault.AzureKeyVaultXmlDecryptor"))
                .isTrue();
        assertThat(decryptor.supports("Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor")).isFalse();
        assertThat(decryptor.allowedKeys()).containsExactly(KeyVaultKeyId.parse(vault.vaultUrl() + "/keys/" + NAME));
    }

    @Test
    void builder_rejectsIdentifiersThatAreNotKeyVaultKeys() {
        assertThatThrownBy(() -> AzureKeyVaultKeyEncryption.builder("http://vault.example/keys/dp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> AzureKeyVaultKeyEncryption.builder("https://vault.example/secrets/dp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://{vault}/keys/{name}");
        assertThatThrownBy(() -> AzureKeyVaultKeyEncryption.builder("https://vault.example", "bad_name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 127 letters, digits and dashes");
    }

    static Element wrapMasterKey(AzureKeyVaultKeyEncryption encryption) {
        try {
            return encryption.encryptor().encrypt(CertificateXmlEncryptionTest.masterKey()).encryptedElement();
        } catch (DataProtectionException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
