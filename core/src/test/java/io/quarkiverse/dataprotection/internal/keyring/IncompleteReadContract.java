package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.RawStore;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * A store entry that is not well-formed XML, or a revocation that cannot be interpreted, written by another writer
 * into a shared ring (spec §8): the read is incomplete, so a running instance keeps its last good ring, a new instance
 * is not ready and protects nothing (so the key such a revocation may revoke is never used by it), nothing is created
 * or deleted, and the status names the entry without quoting it. Once the entry is removed, every instance recovers.
 */
public abstract class IncompleteReadContract {

    private static final String SECRET_MARKER = "do-not-quote-me";

    /** A new raw store named {@code name} (each case gets its own). */
    protected abstract RawStore newRawStore(String name);

    static Stream<Arguments> cases() {
        List<String[]> entries = List.of(
                new String[] { "notWellFormed", "<revocation version=\"1\"><revocationDate>2026-01-01T00:00:00Z"
                        + "</revocationDate><key id=\"{id}\" /><reason>" + SECRET_MARKER + "</reason>" },
                new String[] { "revocationWithBadKeyId", "<revocation version=\"1\"><revocationDate>2026-01-01T00:00:00Z"
                        + "</revocationDate><key id=\"not-a-guid-" + SECRET_MARKER + "\" /><reason /></revocation>" },
                new String[] { "revocationWithBadDate", "<revocation version=\"1\"><revocationDate>" + SECRET_MARKER
                        + "</revocationDate><key id=\"{id}\" /><reason /></revocation>" },
                new String[] { "revokeAllWithBadDate", "<revocation version=\"1\"><revocationDate>" + SECRET_MARKER
                        + "</revocationDate><key id=\"*\" /><reason /></revocation>" });
        return entries.stream().map(e -> Arguments.of(e[0], e[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.quarkiverse.dataprotection.internal.keyring.IncompleteReadContract#cases")
    public void uninterpretableEntry_keepsTheLastGoodRing_newInstanceNotReady_nothingCreatedOrDeleted(String scenario,
            String template) {
        RawStore raw = newRawStore(scenario + "-" + UUID.randomUUID());
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        try (raw; DataProtectionProvider running = provider(raw, clock)) {
            DataProtector protector = running.createProtector("p");
            byte[] before = protector.protect(new byte[] { 1 });
            UUID key = PayloadFormat.readKeyId(before);
            String bad = template.replace("{id}", key.toString());
            raw.append("revocation-" + scenario, bad);
            List<String> entries = raw.entries();

            clock.advance(Duration.ofMinutes(2));
            byte[] during = protector.protect(new byte[] { 2 });
            assertThat(protector.unprotect(before)).containsExactly(1);
            assertThat(PayloadFormat.readKeyId(during)).as("the last good ring keeps serving").isEqualTo(key);
            KeyRingStatus status = running.status();
            assertThat(status.lastRefreshError()).get().asString().contains("incomplete")
                    .contains(raw.toString().equals("file") ? "revocation-" + scenario + ".xml"
                            : raw.toString().equals("redis") ? "entry 2" : "revocation-" + scenario)
                    .doesNotContain(SECRET_MARKER);

            try (DataProtectionProvider fresh = provider(raw, clock)) {
                assertThat(fresh.status().isReady()).as("a new instance cannot trust the ring").isFalse();
                assertThat(fresh.status().lastRefreshError()).get().asString().doesNotContain(SECRET_MARKER);
                assertThatThrownBy(() -> fresh.createProtector("p").protect(new byte[] { 3 }))
                        .isInstanceOf(DataProtectionException.class);
            }
            assertThat(raw.entries()).as("nothing created or deleted").isEqualTo(entries);

            raw.remove("revocation-" + scenario, bad);
            clock.advance(Duration.ofMinutes(2));
            protector.protect(new byte[] { 4 });
            assertThat(running.status().lastRefreshError()).isEmpty();
            try (DataProtectionProvider fresh = provider(raw, clock)) {
                assertThat(fresh.createProtector("p").unprotect(before)).containsExactly(1);
                assertThat(fresh.status().isReady()).isTrue();
            }
        }
    }

    private static DataProtectionProvider provider(RawStore raw, MutableClock clock) {
        return DataProtectionProvider.builder().repository(raw.newStore()).clock(clock)
                .refreshPeriod(Duration.ofMinutes(1)).backgroundRefresh(false).build();
    }
}
