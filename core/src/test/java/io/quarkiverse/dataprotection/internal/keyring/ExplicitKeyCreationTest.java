package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.internal.xml.SecureXml;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * {@link KeyManager#createNewKey} with the same compare-and-append as automatic creation: a store command whose
 * reply is lost after it landed (a client timeout) or that loses a race is never turned into a second key.
 */
class ExplicitKeyCreationTest {

    final MutableClock clock = MutableClock.at("2026-02-01T00:00:00Z");

    @Test
    void appendLandsButItsReplyIsLost_createNewKeyStillReturnsTheKey_storedOnce() {
        ReplyLosingStore store = new ReplyLosingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .backgroundRefresh(false).build()) {
            int before = store.readAll().size();
            store.loseNextReplies.set(1);
            Key key = provider.keyManager().createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(30)));
            List<StoredElement> after = store.readAll();
            assertThat(after).hasSize(before + 1);
            assertThat(after.get(after.size() - 1).xml()).contains(key.id().toString());
        }
    }

    @Test
    void appendRefusedBecauseAnotherWriterWon_isRetriedOnTheNewVersion_withTheSameElement() {
        ReplyLosingStore store = new ReplyLosingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .backgroundRefresh(false).build()) {
            int before = store.readAll().size();
            store.raceNextAppends.set(2); // two other writers change the store just before our appends
            Key key = provider.keyManager().createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(30)));
            List<String> after = store.readAll().stream().map(StoredElement::xml).toList();
            assertThat(after).hasSize(before + 3);
            assertThat(after.stream().filter(xml -> xml.contains(key.id().toString()))).hasSize(1);
        }
    }

    /**
     * The key ring refresh on a fresh store loses its compare-and-append to a writer that added no key, so it tries
     * again: the same element is appended, not a second key made and encrypted (a second Key Vault wrap).
     */
    @Test
    void freshStore_firstAppendLosesToAnotherWriter_keyEncryptedOnce_andStoredOnce() {
        ReplyLosingStore store = new ReplyLosingStore();
        store.raceNextAppends.set(1);
        CountingEncryptor encryptor = new CountingEncryptor();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .keyEncryptor(encryptor).addKeyDecryptor(encryptor).backgroundRefresh(false).build()) {
            List<String> stored = store.readAll().stream().map(StoredElement::xml).toList();

            assertThat(stored).hasSize(2).filteredOn(xml -> xml.startsWith("<key ")).hasSize(1);
            assertThat(store.refusedAppends.get()).isEqualTo(1);
            assertThat(encryptor.encryptions.get()).isEqualTo(1);
            byte[] protectedBytes = provider.createProtector("p").protect(new byte[] { 1, 2, 3 });
            assertThat(provider.createProtector("p").unprotect(protectedBytes)).containsExactly(1, 2, 3);
        }
    }

    /** "Encrypts" by wrapping the plaintext element in {@code <sealed>}, and counts the calls. */
    static final class CountingEncryptor implements KeyEncryptor, KeyDecryptor {
        final AtomicInteger encryptions = new AtomicInteger();

        @Override
        public EncryptedXmlInfo encrypt(Element plaintextElement) {
            encryptions.incrementAndGet();
            Document doc = SecureXml.newDocument();
            Element sealed = doc.createElementNS(null, "sealed");
            sealed.appendChild(doc.importNode(plaintextElement, true));
            return new EncryptedXmlInfo(sealed, "Test.CountingDecryptor, Test");
        }

        @Override
        public String description() {
            return "counting";
        }

        @Override
        public boolean supports(String decryptorTypeName) {
            return decryptorTypeName.equals("Test.CountingDecryptor");
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            for (Node n = encryptedElement.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element child) {
                    return child;
                }
            }
            return null;
        }
    }

    /** An in-memory store whose conditional appends can land and then fail (reply lost), or lose a race. */
    static final class ReplyLosingStore implements VersionedXmlRepository {
        private final InMemoryXmlRepository delegate = new InMemoryXmlRepository();
        final AtomicInteger loseNextReplies = new AtomicInteger();
        final AtomicInteger raceNextAppends = new AtomicInteger();
        final AtomicInteger refusedAppends = new AtomicInteger();

        @Override
        public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
            if (raceNextAppends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                delegate.add("<revocation version=\"1\"><revocationDate>2026-01-01T00:00:00Z</revocationDate>"
                        + "<key id=\"" + java.util.UUID.randomUUID() + "\" /><reason /></revocation>", "other-writer");
            }
            boolean added = delegate.addIfVersion(expectedVersion, xml, friendlyName);
            if (!added) {
                refusedAppends.incrementAndGet();
            }
            if (added && loseNextReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new XmlRepositoryException("simulated response timeout after the append landed");
            }
            return added;
        }

        @Override
        public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
            return delegate.addAllIfVersion(expectedVersion, elements);
        }

        @Override
        public VersionedElements readVersioned() {
            return delegate.readVersioned();
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public List<StoredElement> readAll() {
            return delegate.readAll();
        }

        @Override
        public void add(String xml, String friendlyName) {
            delegate.add(xml, friendlyName);
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            delegate.remove(elements);
        }

        @Override
        public String description() {
            return "reply-losing-test-store";
        }
    }

}
