package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * Migration both ways between certificate encryption and Key Vault key wrap: a ring mixing both reads fine when both
 * decryptors are configured, and {@code KeyManager.reencryptKeys()} moves every key to the other form, writing each new
 * element before removing the old one, so that no key is ever missing.
 */
class KeyWrapMigrationTest {

    static CertificateWithKey certificate;
    FakeKeyVaultServer vault;
    final RecordingStore store = new RecordingStore();
    final List<DataProtectionProvider> providers = new ArrayList<>();

    @BeforeAll
    static void certificate() {
        certificate = TestCertificates.generate("migration");
    }

    @BeforeEach
    void startVault() {
        vault = FakeKeyVaultServer.start();
        vault.keys().create("dp");
    }

    @AfterEach
    void stop() {
        providers.forEach(DataProtectionProvider::close);
        vault.close();
    }

    AzureKeyVaultKeyEncryption keyWrap() {
        return AzureKeyVaultKeyEncryption.builder(vault.vaultUrl(), "dp").credential(vault.credential())
                .httpClient(vault.httpClient()).disableChallengeResourceVerification().build();
    }

    DataProtectionProvider provider(DataProtectionProviderBuilder builder) {
        DataProtectionProvider provider = builder.applicationName("migration").repository(store)
                .backgroundRefresh(false).refreshPeriod(Duration.ofHours(1)).build();
        providers.add(provider);
        return provider;
    }

    /** Encrypts with the certificate; decrypts both forms. */
    DataProtectionProvider certificateFirst() {
        return provider(DataProtectionProvider.builder().keyEncryptor(new CertificateXmlEncryptor(certificate))
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certificate)).addKeyDecryptor(keyWrap().decryptor()));
    }

    /** Wraps with Key Vault; decrypts both forms. */
    DataProtectionProvider keyWrapFirst() {
        AzureKeyVaultKeyEncryption keyWrap = keyWrap();
        return provider(DataProtectionProvider.builder().keyEncryptor(keyWrap.encryptor())
                .addKeyDecryptor(keyWrap.decryptor()).addKeyDecryptor(EncryptedXmlDecryptor.of(certificate)));
    }

    @Test
    void mixedRing_readsWithBothDecryptors_andReencryptionMovesItUnderKeyVault() {
        String underCertificate = certificateFirst().createProtector("p").protect("old");
        DataProtectionProvider keyVault = keyWrapFirst();
        keyVault.keyManager().createNewKey(Instant.now(), Instant.now().plus(Duration.ofDays(90)));
        String underKeyVault = keyVault.createProtector("p").protect("new");
        assertThat(forms()).containsExactlyInAnyOrder("EncryptedData", "encryptedKey");
        assertThat(keyWrapFirst().status().unusableKeys()).as("a mixed ring reads fine").isEmpty();
        store.history.clear();

        int rewritten = keyVault.keyManager().reencryptKeys();

        assertThat(rewritten).as("only the certificate-encrypted key; the wrapped one is current").isEqualTo(1);
        assertThat(forms()).containsExactly("encryptedKey", "encryptedKey");
        assertThat(store.history).as("written before removed").containsExactly("add", "remove");
        DataProtectionProvider keyVaultOnly = provider(
                DataProtectionProvider.builder().autoGenerateKeys(false).addKeyDecryptor(keyWrap().decryptor()));
        assertThat(keyVaultOnly.createProtector("p").unprotect(underCertificate)).isEqualTo("old");
        assertThat(keyVaultOnly.createProtector("p").unprotect(underKeyVault)).isEqualTo("new");
    }

    @Test
    void reencryption_movesAKeyWrappedRingBackUnderTheCertificate() {
        String underKeyVault = keyWrapFirst().createProtector("p").protect("wrapped");
        DataProtectionProvider certificates = certificateFirst();
        store.history.clear();

        int rewritten = certificates.keyManager().reencryptKeys();

        assertThat(rewritten).isEqualTo(1);
        assertThat(forms()).containsExactly("EncryptedData");
        assertThat(store.history).containsExactly("add", "remove");
        DataProtectionProvider certificateOnly = provider(DataProtectionProvider.builder().autoGenerateKeys(false)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certificate)));
        assertThat(certificateOnly.createProtector("p").unprotect(underKeyVault)).isEqualTo("wrapped");
        assertThat(vault.keys().unwrapCount()).as("once by the second instance's ring (its default key) and once by "
                + "the re-encryption itself; the creator keeps the key it made and never unwraps it").isEqualTo(2);
    }

    @Test
    void afterAKeyVaultKeyRotation_reencryptionMovesKeysToTheNewVersion() {
        String payload = keyWrapFirst().createProtector("p").protect("under v1");
        String v1Kid = vault.keys().operations().get(0).keyId();
        String v2 = vault.keys().create("dp");

        int rewritten = keyWrapFirst().keyManager().reencryptKeys();

        assertThat(v1Kid).isNotEqualTo(vault.keys().keyId("dp", v2));
        assertThat(rewritten).isEqualTo(1);
        assertThat(store.readAll()).singleElement().satisfies(element -> assertThat(element.xml())
                .contains("<kid>" + vault.keys().keyId("dp", v2) + "</kid>"));
        assertThat(keyWrapFirst().createProtector("p").unprotect(payload)).isEqualTo("under v1");
    }

    /** The element inside each stored key's {@code <encryptedSecret>}. */
    private List<String> forms() {
        List<String> forms = new ArrayList<>();
        for (StoredElement element : store.readAll()) {
            forms.add(element.xml().contains("<encryptedKey") ? "encryptedKey"
                    : element.xml().contains("<EncryptedData") ? "EncryptedData" : "plaintext");
        }
        return forms;
    }

    /** An in-memory store that records the order of additions and removals. */
    static final class RecordingStore implements XmlRepository {
        final InMemoryXmlRepository delegate = new InMemoryXmlRepository();
        final List<String> history = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public List<StoredElement> readAll() {
            return delegate.readAll();
        }

        @Override
        public void add(String xml, String friendlyName) {
            history.add("add");
            delegate.add(xml, friendlyName);
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            history.add("remove");
            delegate.remove(elements);
        }

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public String description() {
            return "recording memory store";
        }
    }
}
