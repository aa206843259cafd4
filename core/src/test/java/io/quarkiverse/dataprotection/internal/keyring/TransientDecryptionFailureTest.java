package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * A key whose secret fails to decrypt a few times (a certificate source hiccup): ASP.NET would see no usable key and
 * mint one; here no key is created, the decryption is retried with a backoff, and the key becomes usable (spec §9).
 */
class TransientDecryptionFailureTest {

    static CertificateWithKey certificate;

    final MutableClock clock = MutableClock.at("2026-05-01T00:00:00Z");
    final InMemoryXmlRepository store = new InMemoryXmlRepository();

    @BeforeAll
    static void certificate() {
        certificate = TestCertificates.generate("transient");
    }

    @Test
    void defaultKeyFailingToDecryptAtStart_createsNoKey_notReadyNamingTheKey_thenReadyAfterTheRetry() {
        byte[] payload;
        try (DataProtectionProvider writer = provider(EncryptedXmlDecryptor.of(certificate))) {
            payload = writer.createProtector("p").protect(new byte[] { 7 });
        }
        FlakyDecryptor flaky = new FlakyDecryptor(EncryptedXmlDecryptor.of(certificate), 2);
        try (DataProtectionProvider reader = provider(flaky)) {
            DataProtector protector = reader.createProtector("p");
            KeyRingStatus down = reader.status();
            assertThat(down.isReady()).isFalse();
            assertThat(down.keyCreationBlocked()).get().asString()
                    .contains(PayloadFormat.readKeyId(payload).toString()).contains("source unreachable");
            assertThatThrownBy(() -> protector.protect(new byte[] { 1 })).isInstanceOf(DataProtectionException.class);
            assertThat(store.readAll()).as("no key created").hasSize(1);

            clock.advance(Duration.ofMillis(1_001)); // first retry after 1 s: fails again (second failure)
            assertThatThrownBy(() -> protector.protect(new byte[] { 1 })).isInstanceOf(DataProtectionException.class);
            clock.advance(Duration.ofSeconds(1)); // backoff doubled: not yet
            assertThatThrownBy(() -> protector.protect(new byte[] { 1 })).isInstanceOf(DataProtectionException.class);
            assertThat(flaky.calls.get()).isEqualTo(2);
            clock.advance(Duration.ofSeconds(1));

            assertThat(protector.unprotect(payload)).containsExactly(7);
            assertThat(reader.status().isReady()).isTrue();
            assertThat(reader.status().keyCreationBlocked()).isEmpty();
            assertThat(store.readAll()).as("still the one key").hasSize(1);
        }
    }

    @Test
    void defaultKeyWhoseDecryptionFailsSlowerThanTheBackoff_isNotTakenForUsable_notReady() {
        try (DataProtectionProvider writer = provider(EncryptedXmlDecryptor.of(certificate))) {
            writer.createProtector("p").protect(new byte[] { 7 });
        }
        // a key service that answers after 10 s with a refusal (a credential timing out): longer than the 1 s backoff
        KeyDecryptor slowRefusal = new FlakyDecryptor(EncryptedXmlDecryptor.of(certificate), Integer.MAX_VALUE) {
            @Override
            public Element decrypt(Element encryptedElement) {
                clock.advance(Duration.ofSeconds(10));
                return super.decrypt(encryptedElement);
            }
        };
        try (DataProtectionProvider reader = provider(slowRefusal)) {
            KeyRingStatus status = reader.status();
            assertThat(status.defaultKeyId()).as("the key that just failed is not the default key").isEmpty();
            assertThat(status.isReady()).isFalse();
            assertThat(status.keyCreationBlocked()).get().asString().contains("source unreachable");
            assertThat(store.readAll()).as("no key created").hasSize(1);
        }
    }

    @Test
    void newDefaultKeyFromAnotherInstanceFailingToDecrypt_createsNoKey_fallbackProtects_thenAdoptsIt() {
        try (DataProtectionProvider a = provider(EncryptedXmlDecryptor.of(certificate))) {
            byte[] old = a.createProtector("p").protect(new byte[] { 1 });
            FlakyDecryptor flaky = new FlakyDecryptor(EncryptedXmlDecryptor.of(certificate), 0);
            try (DataProtectionProvider b = provider(flaky)) {
                DataProtector protector = b.createProtector("p");
                assertThat(protector.unprotect(old)).containsExactly(1);
                flaky.failNext(3);
                clock.advance(Duration.ofMinutes(1)); // activates after the first key: no tie broken by the ids
                Key newer = a.keyManager().createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(90)));
                clock.advance(Duration.ofMinutes(1)); // B's next refresh reads the new key and fails to decrypt it

                byte[] during = protector.protect(new byte[] { 2 });
                KeyRingStatus status = b.status();
                assertThat(status.keyCreationBlocked()).get().asString().contains(newer.id().toString());
                assertThat(PayloadFormat.readKeyId(during)).as("the fallback (older) key protects meanwhile")
                        .isEqualTo(PayloadFormat.readKeyId(old));
                assertThat(store.readAll()).as("no key minted").hasSize(2);

                for (int i = 0; i < 4; i++) {
                    clock.advance(Duration.ofSeconds(8)); // past each backoff (1, 2, 4 s)
                    protector.protect(new byte[] { 3 });
                }
                assertThat(PayloadFormat.readKeyId(protector.protect(new byte[] { 4 }))).isEqualTo(newer.id());
                assertThat(b.status().keyCreationBlocked()).isEmpty();
                assertThat(store.readAll()).hasSize(2);
            }
        }
    }

    @Test
    void keyCreatedUnderAnEncryptorWithoutADecryptor_staysUsableInTheInstanceThatHoldsIt() {
        try (DataProtectionProvider writer = DataProtectionProvider.builder().repository(store).clock(clock)
                .keyEncryptor(new CertificateXmlEncryptor(certificate)).backgroundRefresh(false).build()) {
            DataProtector protector = writer.createProtector("p");
            byte[] payload = protector.protect(new byte[] { 5 });
            clock.advance(Duration.ofMinutes(10)); // a refresh: the stored element cannot be decrypted here
            assertThat(protector.unprotect(payload)).containsExactly(5);
            assertThat(writer.status().isReady()).isTrue();
            assertThat(store.readAll()).hasSize(1);
        }
    }

    private DataProtectionProvider provider(KeyDecryptor decryptor) {
        return DataProtectionProvider.builder().repository(store).clock(clock).keyEncryptor(new CertificateXmlEncryptor(
                certificate)).addKeyDecryptor(decryptor).refreshPeriod(Duration.ofMinutes(1))
                .backgroundRefresh(false).build();
    }

    /** Fails its next {@code n} decryptions as an unreachable certificate source would, then delegates. */
    static class FlakyDecryptor implements KeyDecryptor {
        private final KeyDecryptor delegate;
        private final AtomicInteger failures;
        final AtomicInteger calls = new AtomicInteger();

        FlakyDecryptor(KeyDecryptor delegate, int failures) {
            this.delegate = delegate;
            this.failures = new AtomicInteger(failures);
        }

        void failNext(int n) {
            failures.set(n);
            calls.set(0);
        }

        @Override
        public boolean supports(String decryptorTypeName) {
            return delegate.supports(decryptorTypeName);
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            calls.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                throw new KeyDecryptionException("certificate source unreachable (test)");
            }
            return delegate.decrypt(encryptedElement);
        }
    }
}
