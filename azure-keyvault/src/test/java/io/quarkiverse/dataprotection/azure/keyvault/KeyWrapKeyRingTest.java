package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.azure.keyvault.DotNetKeyElements.DotNetKey;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;

/**
 * Key-wrapped key rings through the provider: .NET-written keys read and used, one unwrap per key and process
 * however often the ring is read or used, and a failing credential that leaves the instance not ready with the
 * credential's message until it works again.
 */
class KeyWrapKeyRingTest {

    static final String NAME = "dp";
    FakeKeyVaultServer vault;
    String version;
    final List<DataProtectionProvider> providers = new ArrayList<>();

    @BeforeEach
    void startVault() {
        vault = FakeKeyVaultServer.start();
        version = vault.keys().create(NAME);
    }

    @AfterEach
    void stop() {
        providers.forEach(DataProtectionProvider::close);
        vault.close();
    }

    AzureKeyVaultKeyEncryption keyWrap() {
        return AzureKeyVaultKeyEncryption.builder(vault.vaultUrl(), NAME).credential(vault.credential())
                .httpClient(vault.httpClient()).retry(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .disableChallengeResourceVerification().outagePause(Duration.ZERO).build();
    }

    DataProtectionProvider provider(DataProtectionProviderBuilder builder, InMemoryXmlRepository store) {
        DataProtectionProvider provider = builder.applicationName("key-wrap-ring").repository(store)
                .backgroundRefresh(false).refreshPeriod(Duration.ofHours(1)).build();
        providers.add(provider);
        return provider;
    }

    DataProtectionProvider withKeyWrap(InMemoryXmlRepository store) {
        AzureKeyVaultKeyEncryption keyWrap = keyWrap();
        return provider(DataProtectionProvider.builder().keyEncryptor(keyWrap.encryptor())
                .addKeyDecryptor(keyWrap.decryptor()), store);
    }

    @Test
    void dotNetWrittenKey_unwraps_andItsPayloadsUnprotectBothWays() {
        DotNetKey key = DotNetKey.activeSince(Instant.now().minus(Duration.ofDays(1)));
        InMemoryXmlRepository wrapped = new InMemoryXmlRepository();
        wrapped.add(DotNetKeyElements.keyWrapped(key, vault.keys(), NAME, version, DotNetKeyElements.DECRYPTOR), "key");
        InMemoryXmlRepository plain = new InMemoryXmlRepository();
        plain.add(DotNetKeyElements.plain(key), "key");
        DataProtector viaKeyVault = withKeyWrap(wrapped).createProtector("p");
        DataProtector viaPlainCopy = provider(DataProtectionProvider.builder(), plain).createProtector("p");

        assertThat(viaKeyVault.unprotect(viaPlainCopy.protect("from the plain copy"))).isEqualTo("from the plain copy");
        assertThat(viaPlainCopy.unprotect(viaKeyVault.protect("from the wrapped one"))).isEqualTo("from the wrapped one");
        assertThat(providers.get(0).status().defaultKeyId()).hasValue(key.id());
        assertThat(vault.keys().unwrapCount()).isEqualTo(1);
    }

    @Test
    void keyWrittenByTheOlderAzureKeyVaultPackage_unwrapsToo() {
        DotNetKey key = DotNetKey.activeSince(Instant.now().minus(Duration.ofDays(1)));
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        store.add(DotNetKeyElements.keyWrapped(key, vault.keys(), NAME, version, DotNetKeyElements.OLD_DECRYPTOR), "k");

        DataProtectionProvider provider = withKeyWrap(store);

        assertThat(provider.status().defaultKeyId()).hasValue(key.id());
        assertThat(provider.status().unusableKeys()).isEmpty();
    }

    @Test
    void whatWeWrite_parsesBackPerTheSpec() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        Key created = withKeyWrap(store).keyManager().getAllKeys().get(0);

        String xml = store.readAll().get(0).xml();

        assertThat(xml).startsWith("<key id=\"" + created.id() + "\" version=\"1\">")
                .contains("<encryptedSecret decryptorType=\"" + AzureKeyVaultXmlEncryptor.decryptorType()
                        + "\" xmlns=\"http://schemas.asp.net/2015/03/dataProtection\"><encryptedKey xmlns=\"\"><!-- This "
                        + "key is encrypted with Azure Key Vault. --><kid>" + vault.keys().keyId(NAME, version)
                        + "</kid><key>")
                .doesNotContain("<masterKey").doesNotContain("<value>" + "k88");
        assertThat(vault.keys().wrapCount()).isEqualTo(1);
    }

    @Test
    void thousandKeys_onlyTheDefaultIsUnwrappedAtStart_othersOnFirstUse_eachOncePerProcess() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        Instant now = Instant.now();
        List<DotNetKey> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            DotNetKey key = DotNetKey.activeSince(now.minus(Duration.ofMinutes(1000 - i)));
            keys.add(key);
            store.add(DotNetKeyElements.keyWrapped(key, vault.keys(), NAME, version, DotNetKeyElements.DECRYPTOR), "k");
        }

        DataProtectionProvider first = withKeyWrap(store);
        for (int i = 0; i < 10; i++) {
            assertThat(first.refresh().lastRefreshError()).isEmpty();
        }
        Map<String, Long> afterRefreshes = vault.keys().unwrapsByValue();
        DataProtector protector = first.createProtector("hot path");
        String payload = protector.protect("payload");
        for (int i = 0; i < 999; i++) { // every key but the default one, whose id the payload already names
            assertThat(protector.unprotect(protector.protect("round trip " + i))).isEqualTo("round trip " + i);
            String underKey = withKeyId(payload, keys.get(i).id());
            assertThatThrownBy(() -> protector.unprotect(underKey)).as("found, decrypted before, wrong MAC")
                    .isInstanceOf(DataProtectionException.class);
        }
        DataProtectionProvider second = withKeyWrap(store);

        KeyRingStatus status = first.status();
        assertThat(status.keyCount()).isEqualTo(1000);
        assertThat(status.unusableKeys()).isEmpty();
        assertThat(status.defaultKeyId()).hasValue(keys.get(999).id());
        assertThat(afterRefreshes).as("start and 10 refreshes unwrap the default key only, once").hasSize(1)
                .allSatisfy((value, count) -> assertThat(count).isEqualTo(1));
        Map<String, Long> unwraps = vault.keys().unwrapsByValue();
        assertThat(unwraps).as("each key named by a payload unwrapped on first use, once").hasSize(1000);
        assertThat(unwraps.values().stream().filter(count -> count == 2)).as("the second process unwraps only its "
                + "default key").hasSize(1);
        assertThat(unwraps.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1001);
        assertThat(second.status().keyCount()).isEqualTo(1000);
        assertThat(vault.keys().wrapCount()).as("no key created").isZero();
    }

    @Test
    void failingCredentialAtStart_notReadyWithTheCredentialMessage_thenReadyOnceItWorks() {
        DotNetKey key = DotNetKey.activeSince(Instant.now().minus(Duration.ofDays(1)));
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        store.add(DotNetKeyElements.keyWrapped(key, vault.keys(), NAME, version, DotNetKeyElements.DECRYPTOR), "k");
        vault.tokens().refuse(true);
        AzureKeyVaultKeyEncryption keyWrap = AzureKeyVaultKeyEncryption.builder(vault.vaultUrl(), NAME)
                .clientSecretCredential(FakeKeyVaultServer.TENANT, "client", "secret").authorityHost(vault.vaultUrl())
                .httpClient(vault.httpClient()).retry(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .disableChallengeResourceVerification().outagePause(Duration.ZERO).build();
        MutableClock clock = new MutableClock(Instant.now());
        DataProtectionProvider provider = provider(DataProtectionProvider.builder().clock(clock)
                .keyEncryptor(keyWrap.encryptor()).addKeyDecryptor(keyWrap.decryptor()), store);

        KeyRingStatus down = provider.status();
        assertThat(down.isReady()).isFalse();
        assertThat(down.keyCreationBlocked()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("Azure credential failed for vault " + vault.vaultUrl() + ": AADSTS7000215")
                .contains("check the tenant id").doesNotContain("NullPointerException"));
        assertThat(keyWrap.lastFailure()).hasValueSatisfying(m -> assertThat(down.keyCreationBlocked().get()).contains(m));
        assertThat(vault.keys().wrapCount()).as("a failure never mints a key").isZero();

        vault.tokens().refuse(false);
        clock.advance(Duration.ofSeconds(2)); // past the key ring's first decryption backoff
        KeyRingStatus up = provider.refresh();

        assertThat(up.isReady()).isTrue();
        assertThat(up.defaultKeyId()).hasValue(key.id());
        assertThat(keyWrap.lastFailure()).isEmpty();
    }

    /** The payload with the key id of its header (bytes 4 to 20, .NET GUID layout) replaced. */
    static String withKeyId(String payload, UUID id) {
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        ByteBuffer guid = ByteBuffer.allocate(16);
        long msb = id.getMostSignificantBits();
        guid.put(new byte[] { (byte) (msb >>> 32), (byte) (msb >>> 40), (byte) (msb >>> 48), (byte) (msb >>> 56),
                (byte) (msb >>> 16), (byte) (msb >>> 24), (byte) msb, (byte) (msb >>> 8) });
        guid.putLong(id.getLeastSignificantBits());
        System.arraycopy(guid.array(), 0, bytes, 4, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
