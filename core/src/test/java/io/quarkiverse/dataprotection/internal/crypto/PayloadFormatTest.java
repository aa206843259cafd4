package io.quarkiverse.dataprotection.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.dataprotection.DataProtectionException;

class PayloadFormatTest {

    /** Spec §9.5, upstream AdditionalAuthenticatedDataTemplateTests. */
    @Test
    void aadTemplate_fivePurposes_matchesAspNetTemplate() {
        List<String> purposes = List.of("my sample string", "©®±µ¶", "my other sample string",
                "CfDJ8H5oH_fp1QNBmvs-OWXxsVoV30hrXeI4-PI4p1VZytjsgd0DTstMdtTZbFtm2dKHvsBlDCv7TiEWKztZf8fb48pUgBgUE2SeYV3eOUXvSfNWU0D8SmHLy5KEnwKKkZKqudDhCnjQSIU7mhDliJJN1e4",
                ".");
        assertThat(purposes.get(3).getBytes(StandardCharsets.UTF_8)).hasSize(155);

        byte[] template = PayloadFormat.aadTemplate(purposes);

        assertThat(Base64.getEncoder().encodeToString(template)).isEqualTo(
                "CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAFEG15IHNhbXBsZSBzdHJpbmcKwqnCrsKxwrXCthZteSBvdGhlciBzYW1wbGUgc3RyaW5nmwFDZkRKOEg1b0hfZnAxUU5CbXZzLU9XWHhzVm9WMzBoclhlSTQtUEk0cDFWWnl0anNnZDBEVHN0TWR0VFpiRnRtMmRLSHZzQmxEQ3Y3VGlFV0t6dFpmOGZiNDhwVWdCZ1VFMlNlWVYzZU9VWHZTZk5XVTBEOFNtSEx5NUtFbndLS2taS3F1ZERoQ25qUVNJVTdtaERsaUpKTjFlNAEu");
    }

    /** Spec §9.5: the AAD rendered by KeyRingBasedDataProtectorTests' helper. */
    @Test
    void aadFor_threePurposesAndKeyId_matchesKeyRingBasedDataProtectorAad() {
        byte[] template = PayloadFormat.aadTemplate(List.of("purpose1", "purpose2", "yet another purpose"));

        byte[] aad = PayloadFormat.aadFor(template, UUID.fromString("ba73c9ce-d322-4e45-af90-341307e11c38"));

        assertThat(Hex.encode(aad)).isEqualTo(Hex.encode(Hex.decode(
                "09F0C9F0 CEC973BA22D3454EAF90341307E11C38 00000003 08 707572706F736531 08 707572706F736532"
                        + " 13 79657420616E6F7468657220707572706F7365")));
        assertThat(template).startsWith(Hex.decode("09F0C9F0 00000000000000000000000000000000 00000003"));
    }

    @Test
    void aadTemplate_noPurposes_isHeaderAndZeroCount() {
        assertThat(Hex.encode(PayloadFormat.aadTemplate(Collections.emptyList())))
                .isEqualTo("09F0C9F0" + "00".repeat(16) + "00000000");
    }

    @Test
    void aadTemplate_lengthsAbove127_useSevenBitEncoding() {
        byte[] template = PayloadFormat.aadTemplate(List.of("x".repeat(128), "y".repeat(16384)));

        assertThat(template[24]).isEqualTo((byte) 0x80);
        assertThat(template[25]).isEqualTo((byte) 0x01);
        int second = 26 + 128;
        assertThat(new byte[] { template[second], template[second + 1], template[second + 2] })
                .containsExactly(0x80, 0x80, 0x01);
        assertThat(template).hasSize(24 + 2 + 128 + 3 + 16384);
    }

    @Test
    void aadTemplate_surrogatePair_isEncodedAsFourBytes() {
        byte[] template = PayloadFormat.aadTemplate(List.of("\uD83D\uDE00"));

        assertThat(Hex.encode(template)).endsWith("04F09F9880");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\uD800", "a\uDC00b", "ok\uD83D", "\uDE00\uD83D" })
    void aadTemplate_loneSurrogate_isRejectedNotReplaced(String purpose) {
        assertThatThrownBy(() -> PayloadFormat.aadTemplate(List.of("fine", purpose)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1")
                .hasMessageContaining("lone UTF-16 surrogate")
                .hasMessageContaining("well-formed UTF-16");
    }

    @Test
    void aadTemplate_nullPurpose_isRejected() {
        assertThatThrownBy(() -> PayloadFormat.aadTemplate(java.util.Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void toDotNetBytes_reversesTheFirstThreeGroupsOnly() {
        UUID id = UUID.fromString("aabbccdd-eeff-1122-3344-556677889900");

        byte[] bytes = PayloadFormat.toDotNetBytes(id);

        assertThat(Hex.encode(bytes)).isEqualTo("DDCCBBAAFFEE22113344556677889900");
        assertThat(PayloadFormat.fromDotNetBytes(bytes, 0)).isEqualTo(id);
    }

    @Test
    void fromDotNetBytes_readsAtOffset() {
        byte[] bytes = Hex.decode("FFFF DDCCBBAAFFEE22113344556677889900");

        assertThat(PayloadFormat.fromDotNetBytes(bytes, 2)).hasToString("aabbccdd-eeff-1122-3344-556677889900");
    }

    @Test
    void dotNetBytes_roundTripRandomIds() {
        for (int i = 0; i < 1000; i++) {
            UUID id = UUID.randomUUID();
            assertThat(PayloadFormat.fromDotNetBytes(PayloadFormat.toDotNetBytes(id), 0)).isEqualTo(id);
        }
    }

    @Test
    void writeHeader_thenRead_givesMagicAndKeyId() {
        UUID id = UUID.fromString("ba73c9ce-d322-4e45-af90-341307e11c38");
        byte[] payload = new byte[25];

        PayloadFormat.writeHeader(payload, id);

        assertThat(Hex.encode(payload)).startsWith("09F0C9F0CEC973BA22D3454EAF90341307E11C38");
        assertThat(PayloadFormat.hasMagicHeader(payload)).isTrue();
        assertThat(PayloadFormat.readKeyId(payload)).isEqualTo(id);
        assertThat(Base64.getUrlEncoder().encodeToString(payload)).startsWith("CfDJ8");
    }

    @Test
    void hasMagicHeader_wrongMagicOrShort_isFalse() {
        byte[] payload = new byte[20];
        PayloadFormat.writeHeader(payload, UUID.randomUUID());
        for (int bit = 0; bit < 32; bit++) {
            byte[] flipped = payload.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(PayloadFormat.hasMagicHeader(flipped)).as("bit %d", bit).isFalse();
        }
        assertThat(PayloadFormat.hasMagicHeader(java.util.Arrays.copyOf(payload, 19))).isFalse();
        assertThat(PayloadFormat.hasMagicHeader(null)).isFalse();
    }

    @Test
    void readKeyId_shortPayload_throwsGenericError() {
        assertThatThrownBy(() -> PayloadFormat.readKeyId(new byte[19]))
                .isInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE);
    }

    @Test
    void aadFor_leavesTemplateUntouched() {
        byte[] template = PayloadFormat.aadTemplate(List.of("p"));
        byte[] copy = template.clone();

        PayloadFormat.aadFor(template, UUID.randomUUID());

        assertThat(template).isEqualTo(copy);
    }
}
