package io.quarkiverse.dataprotection.internal.protector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.ExpiredPayloadException;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.TimeLimitedDataProtector;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class TimeLimitedDataProtectorTest {

    private final MutableClock clock = MutableClock.at("1999-01-01T00:00:00Z");
    private DataProtectionProvider provider;
    private DataProtector base;

    @BeforeEach
    void start() {
        provider = DataProtectionProvider.builder().applicationName("app").repository(new InMemoryXmlRepository()).clock(clock)
                .backgroundRefresh(false).build();
        base = provider.createProtector("purpose", "new purpose");
    }

    @AfterEach
    void close() {
        provider.close();
    }

    /** ASP.NET's TimeLimitedDataProtectorTests.Protect_LifetimeSpecified: what the inner protector receives. */
    @Test
    void expiration_isDotNetTicksBigEndianBeforeTheData() {
        byte[] payload = base.toTimeLimited().protect(new byte[] { 1, 2, 3, 4, 5 }, Instant.parse("2000-01-01T00:00:00Z"));
        byte[] inner = base.createProtector(TimeLimitedDataProtector.PURPOSE).unprotect(payload);
        assertThat(HexFormat.of().formatHex(inner)).isEqualTo("08c1220247e440000102030405");
    }

    /** Protect_LifetimeNotSpecified_UsesInfiniteLifetime: DateTimeOffset.MaxValue. */
    @Test
    void noExpiration_isDateTimeOffsetMaxValue() {
        byte[] payload = base.toTimeLimited().protect(new byte[] { 1, 2, 3, 4, 5 });
        byte[] inner = base.createProtector(TimeLimitedDataProtector.PURPOSE).unprotect(payload);
        assertThat(HexFormat.of().formatHex(inner)).isEqualTo("2bca2875f4373fff0102030405");
        assertThat(base.toTimeLimited().unprotect(payload).expiration())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59.9999999Z"));
    }

    @Test
    void withinValidityPeriod_returnsDataAndExpiration() {
        TimeLimitedDataProtector protector = base.toTimeLimited();
        byte[] payload = protector.protect(new byte[] { 1, 2, 3, 4, 5 }, Instant.parse("2000-01-01T00:00:00Z"));
        TimeLimitedDataProtector.Payload<byte[]> result = protector.unprotect(payload);
        assertThat(result.data()).containsExactly(1, 2, 3, 4, 5);
        assertThat(result.expiration()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    }

    @Test
    void expiredPayload_failsWithGenericMessageAndTellsTheExpiration() {
        TimeLimitedDataProtector protector = base.toTimeLimited();
        String payload = protector.protect("session", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        assertThat(protector.unprotect(payload).data()).isEqualTo("session"); // valid up to and including expiry
        clock.advance(Duration.ofNanos(100));
        assertThatThrownBy(() -> protector.unprotect(payload)).isInstanceOf(ExpiredPayloadException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE)
                .satisfies(e -> assertThat(((ExpiredPayloadException) e).expiration())
                        .isEqualTo(Instant.parse("1999-01-01T00:10:00Z")));
    }

    @Test
    void innerPayloadShorterThanTheHeader_isInvalid() {
        byte[] sevenBytes = base.createProtector(TimeLimitedDataProtector.PURPOSE).protect(new byte[7]);
        assertThatThrownBy(() -> base.toTimeLimited().unprotect(sevenBytes))
                .isInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @Test
    void timeLimitedPurpose_staysLastInTheChain() {
        byte[] payload = base.toTimeLimited().createProtector("sub").protect(new byte[] { 9 });
        byte[] inner = base.createProtector("sub").createProtector(TimeLimitedDataProtector.PURPOSE).unprotect(payload);
        assertThat(inner).endsWith(9);
        assertThat(base.createProtector("sub").toTimeLimited().unprotect(payload).data()).containsExactly(9);
    }

    @Test
    void plainProtectorCannotReadTimeLimitedPayload() {
        byte[] payload = base.toTimeLimited().protect(new byte[] { 1 }, Duration.ofDays(1));
        assertThatThrownBy(() -> base.unprotect(payload)).hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @Test
    void expirationOutsideDotNetRange_isRefused() {
        assertThatThrownBy(() -> base.toTimeLimited().protect(new byte[0], Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999-12-31");
    }
}
