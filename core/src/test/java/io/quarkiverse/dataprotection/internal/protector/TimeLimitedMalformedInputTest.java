package io.quarkiverse.dataprotection.internal.protector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.TimeLimitedDataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Issue 8 item 6: whatever non-null input {@link TimeLimitedDataProtector#unprotect} gets, it fails with the generic
 * {@link DataProtectionException} and nothing else.
 */
class TimeLimitedMalformedInputTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private DataProtectionProvider provider;
    private DataProtector base;
    private DataProtector inner;
    private TimeLimitedDataProtector timeLimited;

    @BeforeEach
    void start() {
        provider = DataProtectionProvider.builder().repository(new InMemoryXmlRepository()).clock(clock)
                .backgroundRefresh(false).build();
        base = provider.createProtector("p");
        inner = base.createProtector(TimeLimitedDataProtector.PURPOSE);
        timeLimited = base.toTimeLimited();
    }

    @AfterEach
    void close() {
        provider.close();
    }

    private void assertGenericFailure(byte[] payload) {
        assertThatThrownBy(() -> timeLimited.unprotect(payload)).isExactlyInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
        String text = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        assertThatThrownBy(() -> timeLimited.unprotect(text)).isExactlyInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = { 0, 1, 7 })
    void innerPayloadShorterThanTheExpiration_failsGenerically(int length) {
        assertGenericFailure(inner.protect(new byte[length]));
    }

    @ParameterizedTest(name = "ticks {0}")
    @CsvSource({ "ffffffffffffffff", "8000000000000000", "2bca2875f4374000" })
    void expirationOutsideDotNetsRange_failsGenerically(String ticksHex) {
        byte[] header = java.util.HexFormat.of().parseHex(ticksHex);
        assertGenericFailure(inner.protect(Arrays.copyOf(header, 12)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = { 0, 1, 3, 4, 19, 20, 21, 52, 68, 100 })
    void truncatedOrGarbagePayload_failsGenerically(int length) {
        byte[] payload = timeLimited.protect(new byte[40], Duration.ofMinutes(5));
        assertGenericFailure(Arrays.copyOf(payload, Math.min(length, payload.length)));
        byte[] garbage = new byte[length];
        Arrays.fill(garbage, (byte) 0x5A);
        assertGenericFailure(garbage);
    }

    @Test
    void unknownKey_failsNamingTheKeyOnly() {
        byte[] payload = timeLimited.protect(new byte[] { 1 });
        PayloadFormat.writeHeader(payload, java.util.UUID.fromString("11111111-2222-3333-4444-555555555555"));

        assertThatThrownBy(() -> timeLimited.unprotect(payload)).isExactlyInstanceOf(DataProtectionException.class)
                .hasMessageContaining("11111111-2222-3333-4444-555555555555");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "", "A", "not base64url!*", "CfDJ8+/=", "CfDJ8 AAAA", "====", "\u00e9\u00e9\u00e9\u00e9" })
    void textThatIsNotAPayload_failsGenerically(String text) {
        assertThatThrownBy(() -> timeLimited.unprotect(text)).isExactlyInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
        assertThatThrownBy(() -> base.unprotect(text)).isExactlyInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    /** A lifetime past .NET's range is a caller's mistake with a clear message, as an expiration past it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "PT2562047788015215H30M7.999999999S", "P3000000D" })
    void lifetimeBeyondDotNetsRange_isRefusedAsIllegalArgument(String lifetime) {
        assertThatThrownBy(() -> timeLimited.protect(new byte[0], Duration.parse(lifetime)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999-12-31");
    }

    @Test
    void negativeLifetime_givesAnAlreadyExpiredPayload() {
        byte[] payload = timeLimited.protect(new byte[] { 1 }, Duration.ofSeconds(-1));

        assertThatThrownBy(() -> timeLimited.unprotect(payload))
                .isInstanceOf(io.quarkiverse.dataprotection.ExpiredPayloadException.class)
                .satisfies(e -> assertThat(((io.quarkiverse.dataprotection.ExpiredPayloadException) e).expiration())
                        .isEqualTo(Instant.parse("2025-12-31T23:59:59Z")));
    }
}
