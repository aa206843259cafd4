package io.quarkiverse.dataprotection.internal.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known answers from ASP.NET Core's SP800_108Tests (spec §9.1) and the "Context headers" doc page. */
class Sp800108CtrHmacSha512Test {

    private static final byte[] EMPTY = new byte[0];

    @ParameterizedTest(name = "normal kdk, {0} bytes")
    @CsvSource({
            "63, V47WmHzPSkdC2vkLAomIjCzZlDOAetll3yJLcSvon7LJFjJpEN+KnSNp+gIpeydKMsENkflbrIZ/3s6GkEaH",
            "64, mVaFM4deXLl610CmnCteNzxgbM/VkmKznAlPauHcDBn0le06uOjAKLHx0LfoU2/Ttq9nd78Y6Nk6wArmdwJgJg==",
            "65, GaHPeqdUxriFpjRtkYQYWr5/iqneD/+hPhVJQt4rXblxSpB1UUqGqL00DMU/FJkX0iMCfqUjQXtXyfks+p++Ev4=" })
    void deriveKeyWithContextHeader_normalKdk(int length, String expected) {
        byte[] derived = Sp800108CtrHmacSha512.deriveKey("kdk".getBytes(UTF_8), "label".getBytes(UTF_8),
                "contextHeader".getBytes(UTF_8), "context".getBytes(UTF_8), length);

        assertThat(Base64.getEncoder().encodeToString(derived)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "50 000-byte kdk, {0} bytes")
    @CsvSource({
            "63, rt2hM6kkQ8hAXmkHx0TU4o3Q+S7fie6b3S1LAq107k++P9v8uSYA2G+WX3pJf9ZkpYrTKD7WUIoLkgA1R9lk",
            "64, RKiXmHSrWq5gkiRSyNZWNJrMR0jDyYHJMt9odOayRAE5wLSX2caINpQmfzTH7voJQi3tbn5MmD//dcspghfBiw==",
            "65, KedXO0zAIZ3AfnPqY1NnXxpC3HDHIxefG4bwD3g6nWYEc5+q7pjbam71Yqj0zgHMNC9Z7BX3wS1/tajFocRWZUk=" })
    void deriveKeyWithContextHeader_longKdk(int length, String expected) {
        byte[] kdk = new byte[50_000];
        for (int i = 0; i < kdk.length; i++) {
            kdk[i] = (byte) i;
        }

        byte[] derived = Sp800108CtrHmacSha512.deriveKey(kdk, "label".getBytes(UTF_8),
                "contextHeader".getBytes(UTF_8), "context".getBytes(UTF_8), length);

        assertThat(Base64.getEncoder().encodeToString(derived)).isEqualTo(expected);
    }

    /** Regression dotnet/aspnetcore#64597: the empty KDK is HMAC's all-zero key block, not an error. */
    @ParameterizedTest(name = "empty kdk, {0} bytes")
    @CsvSource({
            "64, fHGMWaDLmoncLsEKuKbZo8T+73paNohDeb5O7BSxbC8Gus8d/mUpa/9w2ss65OHlmFw1VZhIXzr5swMYVRndRw==",
            "96, iXd0KuWopclbxtWf9dO8fnerBqLJvndOUs74pTcj7Ck8Ctsvz4QttXkCY1DPd4aDbOE/CCU8/bIQtzoU1Xu3ZQ1pV0qEZmzFll+Vpf+q7av7AGEqwh56a+NPt6gxC5CP" })
    void deriveKeys_emptyKdk_succeeds(int length, String expected) {
        byte[] derived = Sp800108CtrHmacSha512.deriveKey(EMPTY, EMPTY, EMPTY, EMPTY, length);

        assertThat(Base64.getEncoder().encodeToString(derived)).isEqualTo(expected);
    }

    /** "Context headers" doc page, AES-192-CBC + HMACSHA256 example: K_E (24 bytes) || K_H (32 bytes). */
    @Test
    void emptyKdk_56Bytes_matchesDocumentedAes192Hmac256Subkeys() {
        byte[] derived = Sp800108CtrHmacSha512.deriveKey(EMPTY, EMPTY, EMPTY, EMPTY, 24 + 32);

        assertThat(Hex.encode(derived)).isEqualTo(Hex.encode(Hex.decode("""
                5B B6 C9 83 13 78 22 1D 8E 10 73 CA CF 65 8E B0
                61 62 42 71 CB 83 21 DD A0 4A 05 00 5B AB C0 A2
                49 6F A5 61 E3 E2 49 87 AA 63 55 CD 74 0A DA C4
                B7 92 3D BF 59 90 00 A9""")));
    }

    /** "Context headers" doc page, AES-256-GCM example: K_E (32 bytes). */
    @Test
    void emptyKdk_32Bytes_matchesDocumentedAes256GcmSubkey() {
        byte[] derived = Sp800108CtrHmacSha512.deriveKey(EMPTY, EMPTY, EMPTY, EMPTY, 32);

        assertThat(Hex.encode(derived)).isEqualTo("22BC6F1B171C08C4AE2F27444AF8FC8B3087A90006CAEA91FDCFB47C1B8733B8");
    }

    @Test
    void emptyKdk_equalsExplicitZeroBlockKey() {
        byte[] label = "label".getBytes(UTF_8);
        assertThat(Sp800108CtrHmacSha512.deriveKey(EMPTY, label, EMPTY, EMPTY, 80))
                .isEqualTo(Sp800108CtrHmacSha512.deriveKey(new byte[128], label, EMPTY, EMPTY, 80))
                .isNotEqualTo(Sp800108CtrHmacSha512.deriveKey(new byte[129], label, EMPTY, EMPTY, 80));
    }

    @Test
    void zeroLength_givesEmptyOutput() {
        assertThat(Sp800108CtrHmacSha512.deriveKey("k".getBytes(UTF_8), EMPTY, EMPTY, EMPTY, 0)).isEmpty();
    }

    @Test
    void negativeLength_isRejectedWithTheRule() {
        assertThatThrownBy(() -> Sp800108CtrHmacSha512.deriveKey(EMPTY, EMPTY, EMPTY, EMPTY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1")
                .hasMessageContaining("32-bit");
    }
}
