package io.quarkiverse.dataprotection.xmlencryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/** {@code KeyManager.reencryptKeys()} with certificate encryption. */
class KeyReencryptionTest {

    static final Pattern KEY_ID = Pattern.compile("<key id=\"([0-9a-f-]+)\"");
    static CertificateWithKey certA;
    static CertificateWithKey certB;
    static CertificateWithKey certC;

    final RecordingStore store = new RecordingStore();
    final List<DataProtectionProvider> providers = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        certA = TestCertificates.generate("reencrypt-A");
        certB = TestCertificates.generate("reencrypt-B");
        certC = TestCertificates.generate("reencrypt-C");
    }

    @AfterEach
    void close() {
        providers.forEach(DataProtectionProvider::close);
    }

    DataProtectionProvider provider(DataProtectionProviderBuilder builder) {
        DataProtectionProvider provider = builder.applicationName("reencrypt").repository(store)
                .backgroundRefresh(false).refreshPeriod(Duration.ofHours(1)).build();
        providers.add(provider);
        return provider;
    }

    DataProtectionProvider withCertificates(CertificateWithKey encrypting, CertificateWithKey... decrypting) {
        CertificateSource source = CertificateSource.of(new CertificateSet(encrypting, List.of(decrypting)));
        return provider(DataProtectionProvider.builder().keyEncryptor(new CertificateXmlEncryptor(source))
                .addKeyDecryptor(new EncryptedXmlDecryptor(source)));
    }

    @Test
    void afterRotation_oldKeysMoveUnderTheNewCertificate_neverMissingFromTheStore() {
        String underA = withCertificates(certA).createProtector("p").protect("secret");
        UUID oldKey = provider(DataProtectionProvider.builder().autoGenerateKeys(false)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certA))).keyManager().getAllKeys().get(0).id();
        DataProtectionProvider rotated = withCertificates(certB, certA);
        Key newKey = rotated.keyManager().createNewKey(Instant.now(), Instant.now().plus(Duration.ofDays(90)));
        store.history.clear();

        int rewritten = rotated.keyManager().reencryptKeys();

        assertThat(rewritten).as("only the key under A; the one under B is current").isEqualTo(1);
        assertThat(store.readAll()).hasSize(2).allSatisfy(element -> assertThat(element.xml())
                .contains(base64(certB)).doesNotContain(base64(certA)).doesNotContain("<value>"));
        assertThat(store.history).as("after every store change").isNotEmpty()
                .allSatisfy(ids -> assertThat(ids).contains(oldKey.toString(), newKey.id().toString()));
        DataProtectionProvider onlyB = provider(DataProtectionProvider.builder().autoGenerateKeys(false)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certB)));
        assertThat(onlyB.createProtector("p").unprotect(underA)).isEqualTo("secret");
        assertThat(rotated.keyManager().reencryptKeys()).as("idempotent").isZero();
    }

    @Test
    void fileSystemStore_endsWithOneFilePerKey_underTheNewCertificate(@TempDir Path dir) throws Exception {
        FileSystemXmlRepository files = new FileSystemXmlRepository(dir);
        CertificateSource a = CertificateSource.of(certA);
        DataProtectionProvider before = DataProtectionProvider.builder().applicationName("reencrypt").repository(files)
                .keyEncryptor(new CertificateXmlEncryptor(a)).addKeyDecryptor(new EncryptedXmlDecryptor(a))
                .backgroundRefresh(false).build();
        providers.add(before);
        String underA = before.createProtector("p").protect("secret");
        CertificateSource rotated = CertificateSource.of(new CertificateSet(certB, List.of(certA)));
        DataProtectionProvider after = DataProtectionProvider.builder().applicationName("reencrypt").repository(files)
                .keyEncryptor(new CertificateXmlEncryptor(rotated)).addKeyDecryptor(new EncryptedXmlDecryptor(rotated))
                .backgroundRefresh(false).build();
        providers.add(after);

        assertThat(after.keyManager().reencryptKeys()).isEqualTo(1);

        List<StoredElement> stored = files.readAll();
        assertThat(stored).singleElement().satisfies(e -> assertThat(e.xml()).contains(base64(certB))
                .doesNotContain(base64(certA)));
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml"))).hasSize(1);
        }
        assertThat(after.createProtector("p").unprotect(underA)).isEqualTo("secret");
    }

    @Test
    void unencryptedKeys_getEncrypted() {
        String plain = provider(DataProtectionProvider.builder()).createProtector("p").protect("secret");
        assertThat(store.readAll().get(0).xml()).contains("<value>");

        int rewritten = withCertificates(certA).keyManager().reencryptKeys();

        assertThat(rewritten).isEqualTo(1);
        assertThat(store.readAll()).singleElement().satisfies(e -> assertThat(e.xml())
                .contains("encryptedSecret").doesNotContain("<value>"));
        assertThat(provider(DataProtectionProvider.builder().autoGenerateKeys(false)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certA))).createProtector("p").unprotect(plain))
                .isEqualTo("secret");
    }

    @Test
    void keysNoCertificateDecrypts_areLeftAsTheyAre() {
        withCertificates(certC).createProtector("p").protect("secret");
        List<StoredElement> before = store.readAll();

        int rewritten = withCertificates(certA).keyManager().reencryptKeys();

        assertThat(rewritten).isZero();
        assertThat(store.readAll()).containsAll(before);
    }

    @Test
    void withoutEncryptor_reencryptionIsRefused() {
        DataProtectionProvider plain = provider(DataProtectionProvider.builder());

        assertThatThrownBy(() -> plain.keyManager().reencryptKeys()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key encryptor");
    }

    private static String base64(CertificateWithKey certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory store that records the key ids present after every change. */
    static final class RecordingStore implements XmlRepository {
        final InMemoryXmlRepository delegate = new InMemoryXmlRepository();
        final List<Set<String>> history = new ArrayList<>();

        @Override
        public List<StoredElement> readAll() {
            return delegate.readAll();
        }

        @Override
        public synchronized void add(String xml, String friendlyName) {
            delegate.add(xml, friendlyName);
            history.add(ids());
        }

        @Override
        public synchronized void remove(Collection<StoredElement> elements) {
            delegate.remove(elements);
            history.add(ids());
        }

        @Override
        public String description() {
            return "recording in-memory store";
        }

        private Set<String> ids() {
            return delegate.readAll().stream().map(e -> KEY_ID.matcher(e.xml())).filter(m -> m.find())
                    .map(m -> m.group(1)).collect(Collectors.toSet());
        }
    }
}
