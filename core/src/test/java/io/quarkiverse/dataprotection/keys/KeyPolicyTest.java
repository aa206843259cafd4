package io.quarkiverse.dataprotection.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.dataprotection.internal.keyring.KeyRingProvider;

/**
 * Key policy tables: the rules of current ASP.NET Core ({@code DefaultKeyResolver.FindDefaultKey} and
 * {@code KeyRingProvider.CreateCacheableKeyRingCore} on dotnet/aspnetcore {@code main}). Defaults: propagation window
 * 2 days, clock skew 5 minutes, refresh period 24 hours, lifetime 90 days, so a successor is due when the default key
 * expires before {@code now + 3 days}. Keys are {@code name:created,activation,expiration[,R revoked][,X cannot be
 * decrypted]}; {@code 0001-01-01T00:00:00Z} is upstream's default creation date ({@code DateTimeOffset.MinValue}).
 * <p>
 * The second column names the upstream scenario each row restates: a test method of dotnet/aspnetcore's
 * {@code DefaultKeyResolverTests} or {@code KeyRingProviderTests} (same dates; ids are fixed here where upstream draws
 * random ones), or the rule of the spec / issue it pins. Upstream's resolver tests assert only the resolver's
 * {@code ShouldGenerateNewKey} (no default key); the {@code generate} column is the whole decision, including
 * {@code KeyRingProvider}'s successor rule, marked "(+ KeyRingProvider)" where the two differ.
 */
class KeyPolicyTest {

    private static final KeyPolicy POLICY = KeyPolicy.DEFAULT;

    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            emptyRing_noDefault_generates | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_EmptyKeyRing_ReturnsNullDefaultKey | 2015-03-01T00:00:00Z | - | - | - | true | -
            validKey_isDefault | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_ValidExistingKey_ReturnsExistingKey | 2016-02-20T23:59:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2017-03-01T00:00:00Z | k1 | - | false | -
            keysStraddleSkewLine_laterKeyWithinSkewIsDefault | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_ValidExistingKey_AllowsForClockSkew_KeysStraddleSkewLine_ReturnsExistingKey | 2016-02-29T23:59:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2017-03-01T00:00:00Z | k2 | - | false | -
            onlyKeyInFutureWithinSkew_isDefault | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_ValidExistingKey_AllowsForClockSkew_AllKeysInFuture_ReturnsExistingKey | 2016-02-29T23:59:00Z | k1:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2017-03-01T00:00:00Z | k1 | - | false | -
            defaultExpiresSoon_noSuccessor_generates | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_ValidExistingKey_NoSuccessor_ReturnsExistingKey_DoesNotSignalGenerateNewKey (+ KeyRingProvider) | 2016-02-29T23:59:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z | k1 | - | true | -
            defaultExpiresSoon_successorsRevokedOrShortLived_generates | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_ValidExistingKey_NoLegitimateSuccessor_ReturnsExistingKey_DoesNotSignalGenerateNewKey (+ KeyRingProvider) | 2016-02-29T23:50:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2017-03-01T00:00:00Z,R k3:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2016-03-02T00:00:00Z | k1 | - | true | -
            newestActiveRevoked_noDefault_olderIsOnlyFallback | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_MostRecentKeyIsInvalid_BecauseOfRevocation_ReturnsNull | 2015-04-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2015-03-02T00:00:00Z,2016-03-01T00:00:00Z,R | - | k1 | true | -
            newestActiveUndecryptable_noDefault_olderIsOnlyFallback_named | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_MostRecentKeyIsInvalid_BecauseOfFailureToDecipher_ReturnsNull | 2015-04-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2015-03-02T00:00:00Z,2016-03-01T00:00:00Z,X | - | k1 | true | k2
            futureKeyWithinSkew_isDefault | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_FutureKeyIsValidAndWithinClockSkew_ReturnsFutureKey | 2015-02-28T23:55:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z | k1 | - | false | -
            futureKeyBeyondSkew_noDefault_isFallback | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_FutureKeyIsValidButNotWithinClockSkew_ReturnsNull | 2015-02-28T23:00:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z | - | k1 | true | -
            expiredAndRevokedFutureKeys_ignored | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_IgnoresExpiredOrRevokedFutureKeys | 2015-02-28T23:59:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2014-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2015-03-01T00:01:00Z,2015-04-01T00:00:00Z,R k3:0001-01-01T00:00:00Z,2015-03-01T00:02:00Z,2015-04-01T00:00:00Z | k3 | - | false | -
            fallback_newestCreatedBeforeCutoff_skipsRevoked | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_FallbackKey_SelectsLatestBeforePriorPropagationWindow_IgnoresRevokedKeys | 2000-01-05T00:00:00Z | k1:2000-01-01T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k2:2000-01-02T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k3:2000-01-03T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z,R k4:2000-01-04T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z | - | k2 | true | -
            fallback_newestCreatedBeforeCutoff_skipsUndecryptable | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_FallbackKey_SelectsLatestBeforePriorPropagationWindow_IgnoresFailures | 2000-01-05T00:00:00Z | k1:2000-01-01T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k2:2000-01-02T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k3:2000-01-03T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z,X k4:2000-01-04T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z | - | k2 | true | -
            fallback_noneUsableBeforeCutoff_oldestCreatedAfter | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_FallbackKey_NoNonRevokedKeysBeforePriorPropagationWindow_SelectsEarliestNonRevokedKey | 2000-01-05T00:00:00Z | k1:2000-01-03T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z,R k2:2000-01-04T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z k3:2000-01-05T00:00:00Z,2010-01-01T00:00:00Z,2010-01-01T00:00:00Z | - | k2 | true | -
            newerGoodKey_beatsOlderUndecryptableKey | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_OlderBadKeyVersusNewerGoodKey | 2010-01-01T00:00:00Z | k1:2009-12-31T23:00:00Z,2009-12-31T23:00:00Z,2010-03-31T23:00:00Z k2:2009-12-31T22:00:00Z,2009-12-31T22:00:00Z,2010-03-31T22:00:00Z,X | k1 | - | false | -
            newestActiveKeyYoungerThanWindow_isDefault | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_PropagatedKeyPreferred (removed by the revert #57186; the opposite now holds) | 2010-01-01T00:00:00Z | k1:2009-12-30T00:00:00Z,2010-01-01T00:01:00Z,2010-03-30T00:00:00Z k2:2010-01-01T00:00:00Z,2010-01-01T00:02:00Z,2010-04-01T00:00:00Z | k2 | - | false | -
            twoImmediatelyActivatedKeys_newerWins | DefaultKeyResolverTests.ResolveDefaultKeyPolicy_OlderUnpropagatedKeyPreferred (removed by the revert #57186; the opposite now holds) | 2010-01-01T00:00:00Z | k1:2009-12-31T23:00:00Z,2009-12-31T23:00:00Z,2010-03-31T23:00:00Z k2:2009-12-31T22:00:00Z,2009-12-31T22:00:00Z,2010-03-31T22:00:00Z | k1 | - | false | -
            newestUndecryptable_rejectedCandidateNotReconsideredAsFallback | DefaultKeyResolverTests.CreateEncryptor_FirstAttemptIsNotARetry | 2010-01-01T00:00:00Z | k1:2009-12-29T00:00:00Z,2009-12-31T00:00:00Z,2010-03-29T00:00:00Z k2:2009-12-29T01:00:00Z,2009-12-31T01:00:00Z,2010-03-29T01:00:00Z,X | - | k1 | true | k2
            onlyKeyUndecryptable_noFallback_named | DefaultKeyResolverTests.CreateEncryptor_NoRetryOnNullReturn | 2010-01-01T00:00:00Z | k1:2009-12-29T00:00:00Z,2009-12-31T00:00:00Z,2010-01-15T00:00:00Z,X | - | - | true | k1
            defaultExpiresAfterDeadline_noNewKey | KeyRingProviderTests.CreateCacheableKeyRing_NoGenerationRequired_DefaultKeyExpiresAfterRefreshPeriod | 2015-03-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2017-03-01T00:00:00Z | k1 | - | false | -
            successorAlreadyPresent_noNewKey | KeyRingProviderTests.CreateCacheableKeyRing_NoGenerationRequired_DefaultKeyExpiresBeforeRefreshPeriod | 2016-02-29T20:00:00Z | k1:0001-01-01T00:00:00Z,2015-03-01T00:00:00Z,2016-03-01T00:00:00Z k2:0001-01-01T00:00:00Z,2016-03-01T00:00:00Z,2017-03-01T00:00:00Z | k1 | - | false | -
            unactivatedKeyAvailable_12h_12h_generates | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(12, 12) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-01T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-01T12:00:00Z | k1 | - | true | -
            unactivatedKeyAvailable_12h_60h_generates | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(12, 60) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-01T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-03T12:00:00Z | k1 | - | true | -
            unactivatedKeyAvailable_12h_84h_noNewKey | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(12, 84) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-01T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-04T12:00:00Z | k1 | - | false | -
            unactivatedKeyAvailable_60h_60h_generates | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(60, 60) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-03T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-03T12:00:00Z | k1 | - | true | -
            unactivatedKeyAvailable_60h_84h_noNewKey | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(60, 84) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-03T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-04T12:00:00Z | k1 | - | false | -
            unactivatedKeyAvailable_84h_12h_noNewKey | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(84, 12) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-04T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-01T12:00:00Z | k1 | - | false | -
            unactivatedKeyAvailable_84h_84h_noNewKey | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(84, 84) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-04T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-04T12:00:00Z | k1 | - | false | -
            defaultExpiresIn2Days_olderLongLivedKeyIsNoSuccessor_generates | issue 8, Why item 2 | 2024-01-01T00:00:00Z | k1:2023-10-01T00:00:00Z,2023-10-01T00:00:00Z,2024-03-29T00:00:00Z k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z | k2 | - | true | -
            defaultExpiresIn2Days_successorPresent_noNewKey | spec §9 successor rule | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z | k2 | - | false | -
            defaultExpiresIn2Days_successorUndecryptable_generates_named | spec §9 Where we deliberately differ | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z,X | k2 | - | true | k3
            defaultExpiresIn2Days_successorRevoked_generates | spec §9 successor rule | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z,R | k2 | - | true | -
            defaultExpiresIn2Days_successorRevokedAndUndecryptable_generates | spec §9 successor rule | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-03-30T00:00:00Z,R,X | k2 | - | true | -
            defaultExpiresIn2Days_successorExpiresBeforeDeadline_generates | spec §9 successor rule | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-01-03T12:00:00Z | k2 | - | true | -
            successorUndecryptableAndShortLived_stillNamed | spec §9 Where we deliberately differ | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:00:00Z,2024-01-03T12:00:00Z,X | k2 | - | true | k3
            successorCreatedInsideWindow_counts_noNewKey | spec §9 successor rule (as of expiration, propagation ignored) | 2024-01-01T12:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2024-01-01T06:00:00Z,2024-01-03T00:00:00Z,2024-03-31T06:00:00Z | k2 | - | false | -
            successorActivatesAtExpiryPlusSkew_counts | spec §9 clock skew, resolution as of expiration | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:05:00Z,2024-03-30T00:00:00Z | k2 | - | false | -
            successorActivates1nsAfterExpiryPlusSkew_generates | spec §9 clock skew, resolution as of expiration | 2024-01-01T00:00:00Z | k2:2023-10-05T00:00:00Z,2023-10-05T00:00:00Z,2024-01-03T00:00:00Z k3:2023-12-31T00:00:00Z,2024-01-03T00:05:00.000000001Z,2024-03-30T00:00:00Z | k2 | - | true | -
            defaultExpiresExactlyAtDeadline_noNewKey | spec §9 successor rule (expirationDate < now + 24 h + window) | 2024-01-01T00:00:00Z | k2:2023-10-06T00:00:00Z,2023-10-06T00:00:00Z,2024-01-04T00:00:00Z | k2 | - | false | -
            defaultExpires1nsBeforeDeadline_generates | spec §9 successor rule (expirationDate < now + 24 h + window) | 2024-01-01T00:00:00Z | k2:2023-10-06T00:00:00Z,2023-10-06T00:00:00Z,2024-01-03T23:59:59.999999999Z | k2 | - | true | -
            newestActiveCreated1hAgo_isDefault | spec §9 default key (propagation not considered) | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-31T23:00:00Z,2023-12-31T23:00:00Z,2024-03-30T23:00:00Z | k2 | - | false | -
            newestActiveExpired_noDefault_noFallBackToOlderActiveKey | spec §9 default key | 2024-01-01T00:00:00Z | k1:2023-09-01T00:00:00Z,2023-09-01T00:00:00Z,2024-06-01T00:00:00Z k2:2023-10-01T00:00:00Z,2023-10-01T00:00:00Z,2023-12-31T00:00:00Z | - | k1 | true | -
            newestActiveExpiresExactlyNow_noDefault | spec §9 default key (expirationDate <= now) | 2024-01-01T00:00:00Z | k1:2023-09-01T00:00:00Z,2023-09-01T00:00:00Z,2024-06-01T00:00:00Z k2:2023-10-01T00:00:00Z,2023-10-01T00:00:00Z,2024-01-01T00:00:00Z | - | k1 | true | -
            newestActiveRevokedAndUndecryptable_notNamed | spec §9 Where we deliberately differ (revoked is a reason to create) | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-10T00:00:00Z,2023-12-10T00:00:00Z,2024-03-10T00:00:00Z,R,X | - | k1 | true | -
            newestActiveExpiredAndUndecryptable_notNamed | spec §9 Where we deliberately differ (expired is a reason to create) | 2024-01-01T00:00:00Z | k1:2023-09-01T00:00:00Z,2023-09-01T00:00:00Z,2024-06-01T00:00:00Z k2:2023-10-01T00:00:00Z,2023-10-01T00:00:00Z,2023-12-31T00:00:00Z,X | - | k1 | true | -
            activationExactlyNowPlusSkew_isDefault | spec §9 clock skew | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-20T00:00:00Z,2024-01-01T00:05:00Z,2024-04-01T00:00:00Z | k2 | - | false | -
            activation1nsAfterNowPlusSkew_olderKeyStaysDefault | spec §9 clock skew | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-20T00:00:00Z,2024-01-01T00:05:00.000000001Z,2024-04-01T00:00:00Z | k1 | - | false | -
            activationTie_dotNetOrder_00before80 | spec §9 ties (.NET Guid order; java.util.UUID picks 80) | 2024-01-01T00:00:00Z | k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k0:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z | k0 | - | false | -
            activationTie_dotNetOrder_7fBefore80 | spec §9 ties (.NET Guid order; java.util.UUID picks 80) | 2024-01-01T00:00:00Z | k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k7:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z | k7 | - | false | -
            activationTie_winnerRevoked_noDefault | spec §9 ties: the tie winner is the only candidate | 2024-01-01T00:00:00Z | k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k0:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z,R | - | k8 | true | -
            futureKeyBeyondSkew_activeKeyStaysDefault | spec §9 default key | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z k2:2023-12-31T00:00:00Z,2024-01-02T00:00:00Z,2024-03-30T00:00:00Z | k1 | - | false | -
            allExpired_fallbackIsOlderExpiredKey | DefaultKeyResolver.FindDefaultKey fallback (may be expired) | 2024-01-01T00:00:00Z | k1:2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,2023-04-01T00:00:00Z k2:2023-04-01T00:00:00Z,2023-04-01T00:00:00Z,2023-07-01T00:00:00Z | - | k1 | true | -
            singleExpiredKey_notItsOwnFallback | DefaultKeyResolver.FindDefaultKey fallback (rejected candidate excluded before the cutoff) | 2024-01-01T00:00:00Z | k1:2023-01-01T00:00:00Z,2023-01-01T00:00:00Z,2023-04-01T00:00:00Z | - | - | true | -
            rejectedRecentCandidate_isFallbackFromSecondGroup | DefaultKeyResolver.FindDefaultKey fallback (rejected candidate kept after the cutoff) | 2024-01-01T00:00:00Z | k1:2023-12-31T23:00:00Z,2023-12-31T23:00:00Z,2023-12-31T23:59:00Z | - | k1 | true | -
            fallback_onlyRecentKeys_oldestCreatedFirst | DefaultKeyResolver.FindDefaultKey fallback | 2024-01-01T00:00:00Z | k1:2023-12-31T12:00:00Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z k2:2023-12-31T06:00:00Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z | - | k2 | true | -
            fallback_createdExactlyAtCutoff_countsAsPropagated | DefaultKeyResolver.FindDefaultKey fallback (CreationDate <= now - window) | 2024-01-01T00:00:00Z | k1:2023-12-30T00:00:00Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z k2:2023-12-20T00:00:00Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z k3:2023-12-30T00:00:00.000000001Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z | - | k1 | true | -
            """)
    void resolve(String scenario, String upstream, String now, String keys, String expectedDefault,
            String expectedFallback, boolean expectedGenerate, String expectedUndecryptable) {
        KeyResolution resolution = POLICY.resolve(Instant.parse(now), TestKeys.parse(keys));

        assertThat(TestKeys.name(resolution.defaultKey())).as("default key").isEqualTo(expectedDefault);
        assertThat(TestKeys.name(resolution.fallbackKey())).as("fallback key").isEqualTo(expectedFallback);
        assertThat(resolution.shouldGenerateNewKey()).as("should generate").isEqualTo(expectedGenerate);
        assertThat(TestKeys.name(resolution.undecryptableKey())).as("undecryptable key").isEqualTo(expectedUndecryptable);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            noKeys_activatesNow | KeyRingProviderTests.CreateCacheableKeyRing_GenerationRequired_NoDefaultKey_CreatesNewKeyWithImmediateActivation | 2015-03-01T00:00:00Z | - | 2015-03-01T00:00:00Z | 2015-05-30T00:00:00Z
            revokedDefault_activatesNow | KeyRingProviderTests.CreateCacheableKeyRing_GenerationRequired_NoDefaultKey_CreatesNewKeyWithImmediateActivation | 2024-01-01T00:00:00Z | k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z,R | 2024-01-01T00:00:00Z | 2024-03-31T00:00:00Z
            successor_activatesAtDefaultExpiry_lifetimeFromCreation | KeyRingProviderTests.CreateCacheableKeyRing_UnactivatedKeyAvailable(12, 12) | 2016-02-01T00:00:00Z | k1:0001-01-01T00:00:00Z,2016-01-31T23:00:00Z,2016-02-01T12:00:00Z k2:0001-01-01T00:00:00Z,2016-02-01T01:00:00Z,2016-02-01T12:00:00Z | 2016-02-01T12:00:00Z | 2016-05-01T00:00:00Z
            """)
    void newKeyDates(String scenario, String upstream, String now, String keys, String expectedActivation,
            String expectedExpiration) {
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
    void activationTie_sameWinnerWhateverTheInputOrder() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        List<Key> keys = TestKeys.parse("k0:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z "
                + "k8:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z");

        assertThat(POLICY.resolve(now, keys).defaultKey().id()).isEqualTo(TestKeys.IDS.get("k0"));
        assertThat(POLICY.resolve(now, List.of(keys.get(1), keys.get(0))).defaultKey().id())
                .isEqualTo(TestKeys.IDS.get("k0"));
    }

    @Test
    void fallbackCreationTie_firstInStoreOrderWins_asLinqStableOrderBy() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        List<Key> keys = TestKeys.parse("k8:2023-12-01T00:00:00Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z "
                + "k0:2023-12-01T00:00:00Z,2024-02-01T00:00:00Z,2024-05-01T00:00:00Z");

        assertThat(TestKeys.name(POLICY.resolve(now, keys).fallbackKey())).isEqualTo("k8");
        assertThat(TestKeys.name(POLICY.resolve(now, List.of(keys.get(1), keys.get(0))).fallbackKey())).isEqualTo("k0");
    }

    @Test
    void propagationWindow_doesNotAffectTheDefaultKey() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        List<Key> keys = TestKeys.parse("k1:2023-12-01T00:00:00Z,2023-12-01T00:00:00Z,2024-03-01T00:00:00Z "
                + "k2:2023-12-31T23:59:59Z,2023-12-31T23:59:59Z,2024-03-30T23:59:59Z");

        for (Duration window : List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(2), Duration.ofDays(30))) {
            KeyPolicy policy = new KeyPolicy(Duration.ofDays(90), window, KeyPolicy.DEFAULT_MAX_CLOCK_SKEW);
            assertThat(TestKeys.name(policy.resolve(now, keys).defaultKey())).as("window %s", window).isEqualTo("k2");
        }
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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid propagationWindow=PT144H");
        assertThatThrownBy(() -> KeyPolicy.DEFAULT.withKeyLifetime(Duration.ofDays(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 7 days");
    }
}
