package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The version key lives in its list's Redis Cluster slot, by Redis' own hashing rule (CRC16 of the hash tag). */
class RedisKeyNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "DataProtection-Keys", "shop-keys", "{app}:keys", "a{b}c", "x{", "ünïcode" })
    void versionKey_hashesToTheListKeysSlot(String listKey) {
        String versionKey = RedisKeyNames.versionKey(listKey);

        assertThat(versionKey).isNotEqualTo(listKey).endsWith(RedisKeyNames.VERSION_KEY_SUFFIX);
        assertThat(slot(versionKey)).isEqualTo(slot(listKey));
    }

    @ParameterizedTest
    @ValueSource(strings = { "keys}", "a{}b}", "}{", "{}x" })
    void listKeyWithABraceButNoHashTag_isRefusedNamingTheKeyAndTheFix(String listKey) {
        assertThatThrownBy(() -> RedisKeyNames.versionKey(listKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + listKey + "'").hasMessageContaining("hash tag");
    }

    /** Redis Cluster's key slot (cluster spec: CRC16-XMODEM of the hash tag, or of the whole key, mod 16384). */
    private static int slot(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        int crc = 0;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return (crc & 0xFFFF) % 16384;
    }
}
