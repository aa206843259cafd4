package io.quarkiverse.dataprotection.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-hashed-pad HMAC must equal the JCA's HmacSHA512 for every key length class. */
class HmacSha512PrfTest {

    @ParameterizedTest(name = "{0}-byte key")
    @ValueSource(ints = { 1, 10, 64, 127, 128, 129, 200, 50_000 })
    void matchesJcaHmacSha512(int keyLength) throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        HmacSha512Prf prf = new HmacSha512Prf(key);
        Mac jca = Mac.getInstance("HmacSHA512");
        jca.init(new SecretKeySpec(key, "HmacSHA512"));

        for (int messageLength : new int[] { 0, 1, 111, 112, 128, 300 }) {
            byte[] message = new byte[messageLength];
            random.nextBytes(message);
            byte[] out = new byte[70];
            prf.begin();
            prf.update(message, 0, messageLength / 2);
            prf.update(message, messageLength / 2, messageLength - messageLength / 2);
            prf.doFinal(out, 3);

            assertThat(java.util.Arrays.copyOfRange(out, 3, 67)).as("message of %d bytes", messageLength)
                    .isEqualTo(jca.doFinal(message));
        }
    }

    @ParameterizedTest(name = "empty key = {0} zero bytes")
    @ValueSource(ints = { 1, 128 })
    void emptyKey_isTheZeroBlock(int zeroKeyLength) throws Exception {
        Mac jca = Mac.getInstance("HmacSHA512");
        jca.init(new SecretKeySpec(new byte[zeroKeyLength], "HmacSHA512"));
        HmacSha512Prf prf = new HmacSha512Prf(new byte[0]);
        byte[] out = new byte[64];

        prf.begin();
        prf.update(new byte[] { 1, 2, 3 });
        prf.doFinal(out, 0);

        assertThat(out).isEqualTo(jca.doFinal(new byte[] { 1, 2, 3 }));
    }
}
