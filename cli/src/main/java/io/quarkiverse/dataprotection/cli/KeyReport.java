package io.quarkiverse.dataprotection.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.NetGuid;

/**
 * A key as the command prints it, in text and in JSON (field names documented in {@code cli.adoc}; never key bytes).
 * <p>
 * Stateless.
 */
final class KeyReport {

    static final String TABLE_HEADER = String.format("%-36s  %-20s  %-20s  %-20s  %-8s  %s", "ID", "CREATED",
            "ACTIVATION", "EXPIRATION", "STATE", "ENCRYPTED WITH");

    private KeyReport() {
    }

    static Json json(Key key, RingView ring) {
        StoredElementInfo.KeyEncryptionInfo encryption = ring.encryption(key);
        return Json.object()
                .put("id", NetGuid.format(key.id()))
                .put("creationDate", key.creationDate().toString())
                .put("activationDate", key.activationDate().toString())
                .put("expirationDate", key.expirationDate().toString())
                .put("state", ring.state(key))
                .put("default", ring.isDefault(key))
                .put("revoked", key.isRevoked())
                .put("expired", key.isExpired(ring.now()))
                .put("usable", key.canEncrypt())
                .put("unusableReason", key.unusableReason().orElse(null))
                .put("encryptionAlgorithm", key.algorithms() == null ? null : key.algorithms().encryption().name())
                .put("validationAlgorithm", key.algorithms() == null || key.algorithms().validation() == null ? null
                        : key.algorithms().validation().name())
                .put("keyEncryption", Json.object()
                        .put("type", encryption.type())
                        .put("decryptorType", encryption.decryptorType())
                        .put("certificateThumbprint", encryption.certificateThumbprint())
                        .put("certificateSubject", encryption.certificateSubject()));
    }

    static String row(Key key, RingView ring) {
        return String.format("%-36s  %-20s  %-20s  %-20s  %-8s  %s", NetGuid.format(key.id()),
                seconds(key.creationDate()), seconds(key.activationDate()), seconds(key.expirationDate()),
                ring.state(key), ring.encryption(key).describe());
    }

    static String details(Key key, RingView ring) {
        StringBuilder out = new StringBuilder();
        line(out, "id", NetGuid.format(key.id()));
        line(out, "created", key.creationDate().toString());
        line(out, "activation", key.activationDate().toString());
        line(out, "expiration", key.expirationDate().toString());
        line(out, "state", ring.state(key) + (ring.isDefault(key) ? " (the default key)" : ""));
        line(out, "algorithms", key.algorithms() == null ? "unknown" : key.algorithms().toString());
        line(out, "encrypted with", ring.encryption(key).describe());
        key.unusableReason().ifPresent(reason -> line(out, "unusable because", reason));
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("%-16s %s%n", name + ":", value));
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
