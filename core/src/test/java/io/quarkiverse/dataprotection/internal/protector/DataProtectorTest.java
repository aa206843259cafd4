package io.quarkiverse.dataprotection.internal.protector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class DataProtectorTest {

    private DataProtectionProvider provider;

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private DataProtectionProvider provider(AlgorithmConfiguration algorithms) {
        provider = DataProtectionProvider.builder().applicationName("app").repository(new InMemoryXmlRepository())
                .algorithms(algorithms).backgroundRefresh(false).build();
        return provider;
    }

    static Stream<Arguments> algorithmsAndSizes() {
        Stream<AlgorithmConfiguration> algorithms = Stream.of(
                new AlgorithmConfiguration(EncryptionAlgorithm.AES_128_CBC, ValidationAlgorithm.HMACSHA256),
                new AlgorithmConfiguration(EncryptionAlgorithm.AES_192_CBC, ValidationAlgorithm.HMACSHA256),
                new AlgorithmConfiguration(EncryptionAlgorithm.AES_256_CBC, ValidationAlgorithm.HMACSHA256),
                new AlgorithmConfiguration(EncryptionAlgorithm.AES_128_CBC, ValidationAlgorithm.HMACSHA512),
                new AlgorithmConfiguration(EncryptionAlgorithm.AES_192_CBC, ValidationAlgorithm.HMACSHA512),
                new AlgorithmConfiguration(EncryptionAlgorithm.AES_256_CBC, ValidationAlgorithm.HMACSHA512),
                AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_128_GCM),
                AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_192_GCM),
                AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));
        return algorithms.map(a -> Arguments.of(a));
    }

    @ParameterizedTest
    @MethodSource("algorithmsAndSizes")
    void everyAlgorithmAndSize_roundTrips(AlgorithmConfiguration algorithms) {
        DataProtector protector = provider(algorithms).createProtector("round-trip");
        Random random = new Random(42);
        for (int size : new int[] { 0, 1, 15, 16, 17, 1024, 1024 * 1024 }) {
            byte[] plaintext = new byte[size];
            random.nextBytes(plaintext);
            byte[] payload = protector.protect(plaintext);
            assertThat(protector.unprotect(payload)).as("size %d", size).isEqualTo(plaintext);
            assertThat(PayloadFormat.hasMagicHeader(payload)).isTrue();
        }
    }

    @Test
    void stringPayload_isBase64UrlStartingWithAspNetPrefix() {
        DataProtector protector = provider(AlgorithmConfiguration.DEFAULT).createProtector("strings");
        String payload = protector.protect("héllo wörld ✓");
        assertThat(payload).startsWith("CfDJ8").doesNotContain("=", "+", "/");
        assertThat(protector.unprotect(payload)).isEqualTo("héllo wörld ✓");
    }

    @Test
    void payloadHeader_namesTheDefaultKeyInDotNetGuidOrder() {
        provider(AlgorithmConfiguration.DEFAULT);
        byte[] payload = provider.createProtector("header").protect(new byte[] { 1 });
        UUID defaultKey = provider.status().defaultKeyId().orElseThrow();
        assertThat(PayloadFormat.readKeyId(payload)).isEqualTo(defaultKey);
    }

    @Test
    void purposeChains_createProtectorEqualsSubPurposes() {
        provider(AlgorithmConfiguration.DEFAULT);
        byte[] payload = provider.createProtector("a").createProtector("b").protect(bytes("chained"));
        assertThat(provider.createProtector("a", "b").unprotect(payload)).isEqualTo(bytes("chained"));
        assertThatThrownBy(() -> provider.createProtector("a").unprotect(payload))
                .isInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
        assertThatThrownBy(() -> provider.createProtector("b", "a").unprotect(payload))
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @Test
    void wrongPurpose_failsWithGenericMessage() {
        provider(AlgorithmConfiguration.DEFAULT);
        byte[] payload = provider.createProtector("cookie").protect(bytes("x"));
        assertThatThrownBy(() -> provider.createProtector("token").unprotect(payload))
                .isInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @Test
    void wrongApplicationName_sameKeyRing_fails() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider a = DataProtectionProvider.builder().applicationName("app-a").repository(store)
                .backgroundRefresh(false).build();
                DataProtectionProvider b = DataProtectionProvider.builder().applicationName("app-b").repository(store)
                        .backgroundRefresh(false).build();
                DataProtectionProvider a2 = DataProtectionProvider.builder().applicationName("app-a").repository(store)
                        .backgroundRefresh(false).build()) {
            byte[] payload = a.createProtector("p").protect(bytes("isolated"));
            assertThatThrownBy(() -> b.createProtector("p").unprotect(payload))
                    .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
            assertThat(a2.createProtector("p").unprotect(payload)).isEqualTo(bytes("isolated"));
        }
    }

    @Test
    void applicationName_isTheFirstPurposeOfTheChain() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider named = DataProtectionProvider.builder().applicationName("shop").repository(store)
                .backgroundRefresh(false).build();
                DataProtectionProvider unnamed = DataProtectionProvider.builder().repository(store)
                        .backgroundRefresh(false).build()) {
            byte[] payload = named.createProtector("orders").protect(bytes("x"));
            assertThat(unnamed.createProtector("shop", "orders").unprotect(payload)).isEqualTo(bytes("x"));
        }
    }

    @Test
    void everySingleBitFlip_isRejectedWithGenericMessage() {
        DataProtector protector = provider(AlgorithmConfiguration.DEFAULT).createProtector("flips");
        byte[] payload = protector.protect(bytes("bit flips"));
        for (int i = PayloadFormat.HEADER_SIZE * 8; i < payload.length * 8; i++) {
            byte[] tampered = payload.clone();
            tampered[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> protector.unprotect(tampered)).as("bit %d", i)
                    .isInstanceOf(DataProtectionException.class)
                    .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
        }
        for (int i = 0; i < 32; i++) { // magic header bits
            byte[] tampered = payload.clone();
            tampered[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> protector.unprotect(tampered)).as("magic bit %d", i)
                    .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
        }
    }

    @Test
    void keyIdBitFlip_namesTheUnknownKey() {
        DataProtector protector = provider(AlgorithmConfiguration.DEFAULT).createProtector("flips");
        byte[] payload = protector.protect(bytes("x"));
        for (int i = 32; i < PayloadFormat.HEADER_SIZE * 8; i++) {
            byte[] tampered = payload.clone();
            tampered[i / 8] ^= (byte) (1 << (i % 8));
            UUID unknown = PayloadFormat.readKeyId(tampered);
            assertThatThrownBy(() -> protector.unprotect(tampered)).as("key id bit %d", i)
                    .isInstanceOf(DataProtectionException.class)
                    .hasMessage("The key " + unknown + " was not found in the key ring");
        }
    }

    @Test
    void everyTruncation_isRejected() {
        DataProtector protector = provider(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM))
                .createProtector("truncation");
        byte[] payload = protector.protect(bytes("truncate me"));
        for (int length = 0; length < payload.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(payload, length);
            assertThatThrownBy(() -> protector.unprotect(truncated)).as("length %d", length)
                    .isInstanceOf(DataProtectionException.class);
        }
    }

    @Test
    void payloadFromAnotherKeyRing_namesTheUnknownKey() {
        byte[] foreign;
        try (DataProtectionProvider other = DataProtectionProvider.builder().applicationName("app")
                .repository(new InMemoryXmlRepository()).backgroundRefresh(false).build()) {
            foreign = other.createProtector("p").protect(bytes("x"));
        }
        DataProtector protector = provider(AlgorithmConfiguration.DEFAULT).createProtector("p");
        assertThatThrownBy(() -> protector.unprotect(foreign)).isInstanceOf(DataProtectionException.class)
                .hasMessageContaining("was not found in the key ring");
    }

    @Test
    void invalidBase64Text_failsWithGenericMessage() {
        DataProtector protector = provider(AlgorithmConfiguration.DEFAULT).createProtector("p");
        assertThatThrownBy(() -> protector.unprotect("not base64url!*"))
                .isInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @Test
    void loneSurrogatePurpose_isRefused() {
        provider(AlgorithmConfiguration.DEFAULT);
        assertThatThrownBy(() -> provider.createProtector("bad\uD800purpose"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.createProtector(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("purpose");
    }

    @Test
    void protectedPayloads_areRandomized() {
        DataProtector protector = provider(AlgorithmConfiguration.DEFAULT).createProtector("p");
        byte[] first = protector.protect(bytes("same"));
        byte[] second = protector.protect(bytes("same"));
        assertThat(Base64.getEncoder().encodeToString(first)).isNotEqualTo(Base64.getEncoder().encodeToString(second));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
