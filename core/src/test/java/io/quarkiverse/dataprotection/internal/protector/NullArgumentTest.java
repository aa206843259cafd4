package io.quarkiverse.dataprotection.internal.protector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.TimeLimitedDataProtector;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * The documented contract (issue 9 item 10): a null argument to any {@link DataProtector} or
 * {@link TimeLimitedDataProtector} method is a programming error, reported as a {@link NullPointerException} that
 * names the parameter, never as a {@code DataProtectionException} (which means "this input is invalid").
 */
class NullArgumentTest {

    private static DataProtectionProvider provider;
    private static DataProtector protector;
    private static TimeLimitedDataProtector timeLimited;

    @BeforeAll
    static void start() {
        provider = DataProtectionProvider.builder().repository(new InMemoryXmlRepository()).backgroundRefresh(false).build();
        protector = provider.createProtector("p");
        timeLimited = protector.toTimeLimited();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    static Stream<Arguments> calls() {
        byte[] data = { 1 };
        Instant expiration = Instant.parse("2030-01-01T00:00:00Z");
        Duration lifetime = Duration.ofMinutes(5);
        return Stream.of(
                call("DataProtector.createProtector(purpose)", "purpose", () -> protector.createProtector(null)),
                call("DataProtector.protect(byte[])", "plaintext", () -> protector.protect((byte[]) null)),
                call("DataProtector.unprotect(byte[])", "protectedData", () -> protector.unprotect((byte[]) null)),
                call("DataProtector.unprotectPersisted", "protectedData", () -> protector.unprotectPersisted(null, true)),
                call("DataProtector.toTimeLimited(clock)", "clock", () -> protector.toTimeLimited((Clock) null)),
                call("DataProtector.protect(String)", "plaintext", () -> protector.protect((String) null)),
                call("DataProtector.unprotect(String)", "protectedText", () -> protector.unprotect((String) null)),
                call("TimeLimited.createProtector(purpose)", "purpose", () -> timeLimited.createProtector(null)),
                call("TimeLimited.protect(byte[], Instant) plaintext", "plaintext",
                        () -> timeLimited.protect((byte[]) null, expiration)),
                call("TimeLimited.protect(byte[], Instant) expiration", "expiration",
                        () -> timeLimited.protect(data, (Instant) null)),
                call("TimeLimited.protect(byte[], Duration) plaintext", "plaintext",
                        () -> timeLimited.protect((byte[]) null, lifetime)),
                call("TimeLimited.protect(byte[], Duration) lifetime", "lifetime",
                        () -> timeLimited.protect(data, (Duration) null)),
                call("TimeLimited.protect(byte[])", "plaintext", () -> timeLimited.protect((byte[]) null)),
                call("TimeLimited.unprotect(byte[])", "protectedData", () -> timeLimited.unprotect((byte[]) null)),
                call("TimeLimited.protect(String, Instant) plaintext", "plaintext",
                        () -> timeLimited.protect((String) null, expiration)),
                call("TimeLimited.protect(String, Instant) expiration", "expiration",
                        () -> timeLimited.protect("x", (Instant) null)),
                call("TimeLimited.protect(String, Duration) plaintext", "plaintext",
                        () -> timeLimited.protect((String) null, lifetime)),
                call("TimeLimited.protect(String, Duration) lifetime", "lifetime",
                        () -> timeLimited.protect("x", (Duration) null)),
                call("TimeLimited.unprotect(String)", "protectedText", () -> timeLimited.unprotect((String) null)));
    }

    private static Arguments call(String method, String parameter, ThrowingCallable call) {
        return Arguments.of(method, parameter, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void nullArgument_throwsNullPointerExceptionNamingTheParameter(String method, String parameter, ThrowingCallable call) {
        assertThatThrownBy(call).isExactlyInstanceOf(NullPointerException.class).hasMessage(parameter);
    }
}
