package io.quarkiverse.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;

/** Each setting rule is checked once in core and names the builder method or record component it is about. */
class SettingRulesTest {

    /** As an adapter would name its properties. */
    static final UnaryOperator<String> PROPERTIES = name -> "app." + Map.of("keyLifetime", "key-lifetime",
            "propagationWindow", "propagation-window", "validation", "algorithm.validation",
            "encryption", "algorithm.encryption", "refreshPeriod", "refresh-period").getOrDefault(name, name);

    @Test
    void shortKeyLifetime_namesTheComponent_andTheAdapterNamesItsProperty() {
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> KeyPolicy.DEFAULT.withKeyLifetime(Duration.ofHours(24)));

        assertThat(e).hasMessage("Invalid keyLifetime=PT24H: a key lifetime must be at least 7 days (ASP.NET Core's "
                + "minimum); set it to P7D or more");
        assertThat(e.setting()).isEqualTo("keyLifetime");
        assertThat(e.value()).contains("PT24H");
        assertThat(e.describe(PROPERTIES)).isEqualTo("Invalid app.key-lifetime=PT24H: a key lifetime must be at "
                + "least 7 days (ASP.NET Core's minimum); set it to P7D or more");
    }

    @Test
    void propagationWindowAsLongAsTheLifetime_namesBothSettings() {
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> new KeyPolicy(Duration.ofDays(7), Duration.ofDays(7), Duration.ZERO));

        assertThat(e.describe(PROPERTIES)).isEqualTo("Invalid app.propagation-window=PT168H: with the 24-hour "
                + "refresh allowance it must be shorter than app.key-lifetime (PT168H)");
        assertThat(e).hasMessageContaining("shorter than keyLifetime (PT168H)");
    }

    @Test
    void negativeWindowAndSkew_areEachNamed() {
        assertThatThrownBy(() -> new KeyPolicy(Duration.ofDays(90), Duration.ofDays(-1), Duration.ZERO))
                .hasMessage("Invalid propagationWindow=PT-24H: it must not be negative; ASP.NET Core's value is P2D");
        assertThatThrownBy(() -> new KeyPolicy(Duration.ofDays(90), Duration.ZERO, Duration.ofMinutes(-1)))
                .hasMessageStartingWith("Invalid maxClockSkew=PT-1M: it must not be negative");
    }

    @Test
    void gcmWithValidation_isRejected_andCbcDefaultsToHmacSha256() {
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> AlgorithmConfiguration.of(EncryptionAlgorithm.AES_256_GCM, ValidationAlgorithm.HMACSHA512));

        assertThat(e.describe(PROPERTIES)).isEqualTo("Invalid app.algorithm.validation=HMACSHA512: AES_256_GCM "
                + "authenticates by itself; remove app.algorithm.validation or choose a CBC app.algorithm.encryption");
        assertThat(AlgorithmConfiguration.of(EncryptionAlgorithm.AES_128_CBC, null))
                .isEqualTo(new AlgorithmConfiguration(EncryptionAlgorithm.AES_128_CBC, ValidationAlgorithm.HMACSHA256));
        assertThat(AlgorithmConfiguration.of(EncryptionAlgorithm.AES_256_GCM, null))
                .isEqualTo(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));
        assertThatThrownBy(() -> new AlgorithmConfiguration(EncryptionAlgorithm.AES_256_CBC, null))
                .hasMessage("Missing validation: AES_256_CBC needs a validation algorithm: HMACSHA256 or HMACSHA512");
    }

    @Test
    void builderDurations_nameTheBuilderMethod() {
        DataProtectionProviderBuilder builder = DataProtectionProvider.builder();

        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> builder.refreshPeriod(Duration.ZERO));
        assertThat(e.describe(PROPERTIES)).isEqualTo("Invalid app.refresh-period=PT0S: it must be positive, for "
                + "example PT5M");
        assertThatThrownBy(() -> builder.keyRetention(Duration.ofDays(-1)))
                .hasMessage("Invalid keyRetention=PT-24H: it must be positive, for example P365D; leave it unset to "
                        + "keep expired keys for ever");
        assertThatThrownBy(() -> builder.unknownKeyWait(null)).hasMessageStartingWith("Missing unknownKeyWait: ");
    }

    @Test
    void describe_leavesUnknownNamesAndPlainBracesAlone() {
        InvalidSettingException e = InvalidSettingException.invalid("x", 1, "unlike {y} or { z }");

        assertThat(e.describe(name -> name.equals("x") ? "the-x" : name)).isEqualTo("Invalid the-x=1: unlike y or "
                + "{ z }");
        assertThat(e.rule()).isEqualTo("unlike y or { z }");
    }

    @Test
    void protectorPurposes_needOneAndNoneBlank() {
        assertThat(Protector.Purposes.problem()).contains("has no purpose");
        assertThat(Protector.Purposes.problem("a", " ")).contains("has a blank purpose at position 1");
        assertThat(Protector.Purposes.problem("a", null)).contains("has a blank purpose at position 1");
        assertThat(Protector.Purposes.problem("a", "b")).isEmpty();
        assertThat(Protector.Purposes.requireValid("a", "b")).containsExactly("a", "b");
        assertThatThrownBy(() -> Protector.Purposes.requireValid("orders", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Protector[orders, ] has a blank purpose at position 1; every purpose must be non-blank "
                        + "text, such as @Protector(\"auth-cookie\")");
    }
}
