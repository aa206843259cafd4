package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * Keys are decrypted on first use (issue 11): a start decrypts the default key (and a due successor) only; a payload
 * under an old key decrypts that key once, however many callers race for it; a key that fails to decrypt gives the
 * documented error, is not tried again during its backoff, and is tried again after it. Counted through the
 * decryptor.
 */
class LazyDecryptionTest {

    /** Ten keys, each active for 80 of its 90 days: the last one is the default at {@link #NOW}. */
    static final int KEYS = 10;
    static final Instant FIRST_ACTIVATION = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant NOW = activation(KEYS - 1).plus(Duration.ofDays(1));

    static CertificateWithKey certificate;

    final InMemoryXmlRepository store = new InMemoryXmlRepository();
    final MutableClock clock = new MutableClock(NOW);
    final List<UUID> ids = new ArrayList<>();

    @BeforeAll
    static void certificate() {
        certificate = TestCertificates.generate("lazy");
    }

    static Instant activation(int i) {
        return FIRST_ACTIVATION.plus(Duration.ofDays(80L * i));
    }

    void storeKeys(int count) {
        for (int i = 0; i < count; i++) {
            storeKey(activation(i), activation(i).plus(Duration.ofDays(90)));
        }
    }

    void storeKey(Instant activation, Instant expiration) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        store.add(KeyXml.writeKey(id, activation, activation, expiration, AlgorithmConfiguration.DEFAULT,
                Secret.random(64, RandomSource.secure()), new CertificateXmlEncryptor(certificate)), "key-" + id);
    }

    @Test
    void startWithTenEncryptedKeys_decryptsTheDefaultKeyOnly_andReportsTheOthersAsEncrypted() {
        storeKeys(KEYS);
        CountingDecryptor decryptor = new CountingDecryptor(EncryptedXmlDecryptor.of(certificate));
        try (DataProtectionProvider provider = provider(decryptor)) {
            KeyRingStatus status = provider.status();

            assertThat(status.defaultKeyId()).contains(ids.get(KEYS - 1));
            assertThat(decryptor.calls.get()).as("decryptions at start").isEqualTo(1);
            assertThat(status.decryptedKeys()).isEqualTo(1);
            assertThat(status.encryptedKeys()).isEqualTo(KEYS - 1);
            assertThat(status.unusableKeys()).isEmpty();
            assertThat(provider.keyManager().getAllKeys()).filteredOn(k -> !k.id().equals(ids.get(KEYS - 1)))
                    .allMatch(k -> k.secretState() == Key.SecretState.ENCRYPTED && k.canEncrypt());
            provider.createProtector("p").protect(new byte[] { 1 });
            assertThat(decryptor.calls.get()).as("protect uses the key decrypted at start").isEqualTo(1);
        }
    }

    @Test
    void defaultKeyExpiringSoon_startDecryptsItsSuccessorToo_andNothingElse() {
        storeKeys(3); // expired long ago
        Instant expiry = NOW.plus(Duration.ofDays(2)); // within 24 h + the 2-day propagation window
        storeKey(expiry.minus(Duration.ofDays(90)), expiry);
        storeKey(expiry, expiry.plus(Duration.ofDays(90))); // its successor, activating as it expires
        CountingDecryptor decryptor = new CountingDecryptor(EncryptedXmlDecryptor.of(certificate));
        try (DataProtectionProvider provider = provider(decryptor)) {
            assertThat(provider.status().defaultKeyId()).contains(ids.get(3));
            assertThat(decryptor.calls.get()).as("the default key and its due successor").isEqualTo(2);
            assertThat(provider.status().decryptedKeys()).isEqualTo(2);
            assertThat(provider.status().encryptedKeys()).isEqualTo(3);
            assertThat(store.readAll()).as("the successor exists, so no key is created").hasSize(5);
        }
    }

    @Test
    void payloadsUnderAnOldKey_fromManyThreadsAtOnce_decryptThatKeyExactlyOnce() throws Exception {
        storeKeys(KEYS);
        byte[] old = protectAt(activation(2).plus(Duration.ofDays(1)), new byte[] { 42 });
        assertThat(PayloadFormat.readKeyId(old)).isEqualTo(ids.get(2));
        CountingDecryptor decryptor = new CountingDecryptor(EncryptedXmlDecryptor.of(certificate));
        decryptor.delay = Duration.ofMillis(50); // keeps the decryption in flight while the others arrive
        try (DataProtectionProvider provider = provider(decryptor)) {
            DataProtector protector = provider.createProtector("p");
            int before = decryptor.calls.get();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return protector.unprotect(old);
                    }));
                }
                go.countDown();
                for (Future<byte[]> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).containsExactly(42);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(decryptor.calls.get() - before).as("one decryption for 8 concurrent payloads").isEqualTo(1);
            assertThat(provider.status().decryptedKeys()).isEqualTo(2);
            assertThat(provider.status().encryptedKeys()).as("the expired keys nobody used").isEqualTo(KEYS - 2);
        }
    }

    @Test
    void oldKeyFailingToDecryptOnFirstUse_givesTheDocumentedError_notRetriedDuringTheBackoff_thenRetried() {
        storeKeys(KEYS);
        byte[] old = protectAt(activation(3).plus(Duration.ofDays(1)), new byte[] { 9 });
        UUID oldId = ids.get(3);
        CountingDecryptor decryptor = new CountingDecryptor(EncryptedXmlDecryptor.of(certificate));
        List<DataProtectionListener.Failure> failures = new ArrayList<>();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .addKeyDecryptor(decryptor).backgroundRefresh(false).autoGenerateKeys(false)
                .listener(new DataProtectionListener() {
                    @Override
                    public void onFailure(Failure failure) {
                        failures.add(failure);
                    }
                }).build()) {
            DataProtector protector = provider.createProtector("p");
            decryptor.failures.set(1);
            int before = decryptor.calls.get();

            assertThatThrownBy(() -> protector.unprotect(old)).isInstanceOf(DataProtectionException.class)
                    .hasMessage("The key " + oldId + " cannot be used: its certificate is unreachable (test)");
            assertThat(failures).containsExactly(DataProtectionListener.Failure.UNUSABLE_KEY);
            assertThat(provider.status().unusableKeys()).singleElement().asString().startsWith(oldId + ": ")
                    .contains("unreachable (test)");
            assertThat(provider.status().isReady()).as("the default key is not affected").isTrue();

            clock.advance(Duration.ofMillis(500)); // within the 1 s backoff: refused without calling the decryptor
            assertThatThrownBy(() -> protector.unprotect(old)).isInstanceOf(DataProtectionException.class)
                    .hasMessageContaining("cannot be used");
            assertThat(decryptor.calls.get() - before).isEqualTo(1);

            clock.advance(Duration.ofMillis(600)); // the backoff is over: tried again, and it works now
            assertThat(protector.unprotect(old)).containsExactly(9);
            assertThat(decryptor.calls.get() - before).isEqualTo(2);
            assertThat(provider.status().unusableKeys()).isEmpty();
        }
    }

    /** Protects {@code plaintext} with the default key as of {@code at} (a provider with its own decryptor). */
    private byte[] protectAt(Instant at, byte[] plaintext) {
        MutableClock then = new MutableClock(at);
        try (DataProtectionProvider writer = DataProtectionProvider.builder().repository(store).clock(then)
                .addKeyDecryptor(EncryptedXmlDecryptor.of(certificate)).backgroundRefresh(false)
                .autoGenerateKeys(false).build()) {
            return writer.createProtector("p").protect(plaintext);
        }
    }

    private DataProtectionProvider provider(KeyDecryptor decryptor) {
        return DataProtectionProvider.builder().repository(store).clock(clock).addKeyDecryptor(decryptor)
                .keyEncryptor(new CertificateXmlEncryptor(certificate)).backgroundRefresh(false).build();
    }

    /** Counts its decryptions; can fail the next few (as an unreachable certificate source) or take a while. */
    static final class CountingDecryptor implements KeyDecryptor {
        private final KeyDecryptor delegate;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        volatile Duration delay = Duration.ZERO;

        CountingDecryptor(KeyDecryptor delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean supports(String decryptorTypeName) {
            return delegate.supports(decryptorTypeName);
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            calls.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new KeyDecryptionException("its certificate is unreachable (test)");
            }
            return delegate.decrypt(encryptedElement);
        }
    }
}
