package io.quarkiverse.dataprotection.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key policy tables. Defaults: propagation window 2 days, clock skew 5 minutes, refresh period 24 hours, lifetime
 * 90 days, so a successor is due when the default key expires before {@code now + 3 days}. Keys are
 * {@code name:created,activation,expiration[,R revoked][,X unusable]}. Rows marked (ASP.NET test) restate
 * DefaultKeyResolverTests cases of dotnet/aspnetcore.
 */
class KeyPolicyTest {

    private static final KeyPolicy POLICY = KeyPolicy.DEFAULT;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            firstStart_noKeys_generates                 | 2024-01-01T00:00:00Z | - | - | - | true
            defaultFarFromExpiry_noNewKey               | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z | k1 | - | false
            defaultExpiresWithinRefreshPlusWindow_noSuccessor_generates | 2024-01-01T00:00:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z | k1 | - | true
            defaultExpiresExactlyAtNowPlus3Days_noNewKey | 2024-01-01T00:00:00Z | k1:2023-10-06T00:00:00Z,2023-10-06T00:00:00Z,2024-01-04T00:00:00Z | k1 | - | false
            defaultNearExpiry_propagatedSuccessor_noNewKey | 2024-01-01T00:00:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z | k1 | - | false
            defaultNearExpiry_successorExpiresTooSoon_generates | 2024-01-01T00:00:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-01-03T12:00:00Z | k1 | - | true
            defaultNearExpiry_revokedSuccessor_generates | 2024-01-01T00:00:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z,R | k1 | - | true
            defaultNearExpiry_successorCreatedInsideWindow_countsAsSuccessor | 2024-01-01T12:00:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2024-01-01T06:00:00Z,2024-01-03T00:00:00Z,2024-03-31T06:00:00Z | k1 | - | false
            successorNotYetActive_isNotDefault          | 2024-01-02T23:54:59Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z | k1 | - | false
            successorWithinClockSkew_becomesDefault     | 2024-01-02T23:55:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z | k2 | - | false
            revokedDefault_noDefault_olderKeyIsFallback | 2024-01-01T00:00:00Z | k2:2023-11-01T00:00:00Z,2023-11-01T00:00:00Z,2024-02-01T00:00:00Z k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z,R | - | k2 | true
            unusableDefault_noDefault_olderKeyIsFallback | 2024-01-01T00:00:00Z | k2:2023-11-01T00:00:00Z,2023-11-01T00:00:00Z,2024-02-01T00:00:00Z k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z,X | - | k2 | true
            allKeysExpired_fallbackIsAnExpiredKeyOtherThanThePreferred | 2024-01-01T00:00:00Z | k1:2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,2023-04-01T00:00:00Z k2:2023-04-01T00:00:00Z,2023-04-01T00:00:00Z,2023-07-01T00:00:00Z | - | k1 | true
            singleExpiredKey_noFallback                 | 2024-01-01T00:00:00Z | k1:2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,2023-04-01T00:00:00Z | - | - | true
            clockSkewEdge_activationExactlyNowPlus5Min_isCandidate | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-20T00:00:00Z,2024-01-01T00:05:00Z,2024-04-01T00:00:00Z | k2 | - | false
            clockSkewEdge_activation1nsLater_isNotCandidate | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-20T00:00:00Z,2024-01-01T00:05:00.000000001Z,2024-04-01T00:00:00Z | k1 | - | false
            activationTie_propagated_dotNetGuidOrder_00before80 | 2024-01-01T00:00:00Z | k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k0:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z | k0 | - | false
            activationTie_propagated_dotNetGuidOrder_7fBefore80 | 2024-01-01T00:00:00Z | k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k7:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z | k7 | - | false
            activationTie_unpropagated_dotNetGuidOrder  | 2024-01-01T00:00:00Z | k8:2023-12-31T12:00:00Z,2023-12-31T12:00:00Z,2024-03-30T12:00:00Z k0:2023-12-31T12:00:00Z,2023-12-31T12:00:00Z,2024-03-30T12:00:00Z | k0 | - | false
            fallback_latestCreatedBeforeCutoff_skipsRevoked (ASP.NET test) | 2000-01-05T00:00:00Z | k1:2000-01-01T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k2:2000-01-02T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k3:2000-01-03T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z,R k4:2000-01-04T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z | - | k2 | true
            fallback_latestCreatedBeforeCutoff_skipsUnusable (ASP.NET test) | 2000-01-05T00:00:00Z | k1:2000-01-01T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k2:2000-01-02T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k3:2000-01-03T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z,X k4:2000-01-04T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z | - | k2 | true
            fallback_noneBeforeCutoff_earliestAfter (ASP.NET test) | 2000-01-05T00:00:00Z | k1:2000-01-03T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z,R k2:2000-01-04T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k3:2000-01-05T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z | - | k2 | true
            propagatedKeyPreferredOverNewerActivation (ASP.NET test) | 2010-01-01T00:00:00Z | k1:2009-12-30T00:00:00Z,2010-01-01T00:01:00Z,2010-03-30T00:00:00Z k2:2010-01-01T00:00:00Z,2010-01-01T00:02:00Z,2010-04-01T00:00:00Z | k1 | - | false
            noPropagatedKey_leastRecentlyActivatedPreferred (ASP.NET test) | 2010-01-01T00:00:00Z | k1:2009-12-31T23:00:00Z,2009-12-31T23:00:00Z,2010-03-31T23:00:00Z k2:2009-12-31T22:00:00Z,2009-12-31T22:00:00Z,2010-03-31T22:00:00Z | k2 | - | false
            futureKeyBeyondSkew_noDefault_isFallback    | 2015-02-28T23:00:00Z | k1:2015-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z | - | k1 | true
            expiredPropagatedDefault_lateSuccessorActive_isDefaultWithoutNewKey | 2024-01-03T00:00:01Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k2:2024-01-02T00:00:00Z,2024-01-03T00:00:00Z,2024-04-01T00:00:00Z | k2 | - | false
            revokedPropagatedDefault_recentActiveKey_isDefault | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z,R k2:2023-12-31T12:00:00Z,2023-12-31T12:00:00Z,2024-03-30T12:00:00Z | k2 | - | false
            expiredAndRevokedFutureKeysIgnored (ASP.NET test) | 2015-02-28T23:59:00Z | k1:2015-01-01T00:00:00Z,2015-03-01T00:00:00Z,2014-03-01T00:00:00Z k2:2015-01-01T00:00:00Z,2015-03-01T00:01:00Z,2015-04-01T00:00:00Z,R k3:2015-01-01T00:00:00Z,2015-03-01T00:02:00Z,2015-04-01T00:00:00Z | k3 | - | false
            """)
    void resolve(String scenario, String now, String keys, String expectedDefault, String expectedFallback,
            boolean expectedGenerate) {
        KeyResolution resolution = POLICY.resolve(Instant.parse(now), TestKeys.parse(keys));

        assertThat(TestKeys.name(resolution.defaultKey())).as("default key").isEqualTo(expectedDefault);
        assertThat(TestKeys.name(resolution.fallbackKey())).as("fallback key").isEqualTo(expectedFallback);
        assertThat(resolution.shouldGenerateNewKey()).as("should generate").isEqualTo(expectedGenerate);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            noKeys_activatesNow                  | 2024-01-01T00:00:00Z | - | 2024-01-01T00:00:00Z | 2024-03-31T00:00:00Z
            revokedDefault_activatesNow          | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z,R | 2024-01-01T00:00:00Z | 2024-03-31T00:00:00Z
            defaultNearExpiry_activatesAtItsExpiration_expiresLifetimeAfterNow | 2024-01-01T12:00:00Z | k1:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z | 2024-01-03T00:00:00Z | 2024-03-31T12:00:00Z
            """)
    void newKeyDates(String scenario, String now, String keys, String expectedActivation, String expectedExpiration) {
        Instant at = Instant.parse(now);
        KeyResolution resolution = POLICY.resolve(at, TestKeys.parse(keys));

        KeyPolicy.NewKeyDates dates = POLICY.newKeyDates(at, resolution);

        assertThat(dates.activationDate()).isEqualTo(Instant.parse(expectedActivation));
        assertThat(dates.expirationDate()).isEqualTo(Instant.parse(expectedExpiration));
    }

    @Test
    void newKeyDates_whenNoKeyIsDue_refuses() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        KeyResolution resolution = POLICY.resolve(now,
                TestKeys.parse("k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z"));

        assertThatThrownBy(() -> POLICY.newKeyDates(now, resolution))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did not ask for a new key");
    }

    @Test
    void resolve_isIndependentOfInputOrderForTies() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        List<Key> keys = TestKeys.parse("k0:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z "
                + "k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z");

        assertThat(POLICY.resolve(now, keys).defaultKey().id()).isEqualTo(TestKeys.IDS.get("k0"));
        assertThat(POLICY.resolve(now, List.of(keys.get(1), keys.get(0))).defaultKey().id())
                .isEqualTo(TestKeys.IDS.get("k0"));
    }

    @Test
    void dotNetGuidOrder_disagreesWithJavaUuidOrder() {
        assertThat(TestKeys.IDS.get("k8").compareTo(TestKeys.IDS.get("k0"))).as("java").isNegative();
        assertThat(NetGuid.ORDER.compare(TestKeys.IDS.get("k8"), TestKeys.IDS.get("k0"))).as(".NET").isPositive();
        assertThat(NetGuid.ORDER.compare(TestKeys.IDS.get("k7"), TestKeys.IDS.get("k8"))).as(".NET").isNegative();
    }

    @Test
    void constructor_rejectsWindowThatLeavesNoRoomInTheLifetime() {
        assertThatThrownBy(() -> new KeyPolicy(Duration.ofDays(7), Duration.ofDays(6), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("propagation window");
        assertThatThrownBy(() -> KeyPolicy.DEFAULT.withKeyLifetime(Duration.ofDays(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 7 days");
    }
}
