package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;

/** Keys for policy tests, without real crypto. */
public final class TestKeys {

    /** An encryptor that must never be called: the policy only asks whether a key has one. */
    public static final AuthenticatedEncryptor STUB = new AuthenticatedEncryptor() {
        @Override
        public byte[] encrypt(byte[] plaintext, byte[] aad, int preBufferSize, int postBufferSize) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, int offset, int length, byte[] aad) {
            throw new UnsupportedOperationException("stub");
        }
    };

    /**
     * Short names for ids. {@code k0} < {@code k7} < {@code k8} in .NET order, while {@link UUID#compareTo} puts
     * {@code k8} (top bit set) first.
     */
    static final Map<String, UUID> IDS = Map.of(
            "k0", UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "k1", UUID.fromString("11111111-1111-1111-1111-111111111111"),
            "k2", UUID.fromString("22222222-2222-2222-2222-222222222222"),
            "k3", UUID.fromString("33333333-3333-3333-3333-333333333333"),
            "k4", UUID.fromString("44444444-4444-4444-4444-444444444444"),
            "k7", UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"),
            "k8", UUID.fromString("80000000-0000-0000-0000-000000000000"));

    private TestKeys() {
    }

    static Key usable(UUID id, String created, String activation, String expiration) {
        return Key.usable(id, Instant.parse(created), Instant.parse(activation), Instant.parse(expiration),
                AlgorithmConfiguration.DEFAULT, STUB);
    }

    /**
     * Parses {@code "name:created,activation,expiration[,R][,X]"} entries separated by spaces; {@code R} = revoked,
     * {@code X} = unusable (secret not readable).
     */
    static List<Key> parse(String spec) {
        List<Key> keys = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.equals("-")) {
            return keys;
        }
        for (String entry : spec.trim().split("\\s+")) {
            String[] nameAndFields = entry.split(":", 2);
            String[] f = nameAndFields[1].split(",");
            UUID id = IDS.get(nameAndFields[0]);
            List<String> flags = List.of(f).subList(3, f.length);
            Key key = flags.contains("X")
                    ? Key.unusable(id, Instant.parse(f[0]), Instant.parse(f[1]), Instant.parse(f[2]),
                            AlgorithmConfiguration.DEFAULT, "test: no decryptor")
                    : usable(id, f[0], f[1], f[2]);
            keys.add(flags.contains("R") ? key.revoke() : key);
        }
        return keys;
    }

    /** The short name of {@code key}, or {@code "-"}. */
    static String name(Key key) {
        if (key == null) {
            return "-";
        }
        return IDS.entrySet().stream().filter(e -> e.getValue().equals(key.id())).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }
}
