package io.quarkiverse.dataprotection.reliability;

import static io.quarkiverse.dataprotection.reliability.ProtectRoundTripFuzzTest.check;
import static io.quarkiverse.dataprotection.reliability.ProtectRoundTripFuzzTest.expectFailure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.ExpiredPayloadException;
import io.quarkiverse.dataprotection.TimeLimitedDataProtector;
import io.quarkiverse.dataprotection.UnprotectResult;
import io.quarkiverse.dataprotection.internal.crypto.ContextHeaders;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.crypto.Sp800108CtrHmacSha512;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.reliability.ProtectRoundTripFuzzTest.Mutation;
import io.quarkiverse.dataprotection.reliability.ProtectRoundTripFuzzTest.Ring;

/** The modes of {@link ProtectRoundTripFuzzTest}, each with its oracle. */
final class RoundTripModes {

    private RoundTripModes() {
    }

    static void bytes(DataProtector protector, Mutation mutation, byte[] plaintext, Ring other) throws Exception {
        byte[] payload = protector.protect(plaintext);
        byte[] mutated = mutation.apply(payload, other.keyId());
        if (Arrays.equals(mutated, payload)) {
            check(Arrays.equals(protector.unprotect(mutated), plaintext), "an unmodified payload did not round-trip");
            expectFailure(() -> protector.createProtector("another purpose").unprotect(payload),
                    "a payload under another purpose");
        } else {
            expectFailure(() -> protector.unprotect(mutated), "a modified payload");
        }
    }

    static void text(DataProtector protector, Mutation mutation, byte[] bytes) throws Exception {
        String plaintext = new String(bytes, StandardCharsets.UTF_8);
        String payload = protector.protect(plaintext);
        String mutated = mutation.apply(payload);
        byte[] original = Base64.getUrlDecoder().decode(payload);
        byte[] decoded = decode(mutated);
        if (decoded != null && Arrays.equals(decoded, original)) {
            // base64url ignores the unused low bits of the last character: another text, the same payload
            check(protector.unprotect(mutated).equals(plaintext), "an unmodified text payload did not round-trip");
        } else {
            expectFailure(() -> protector.unprotect(mutated), "a modified text payload");
        }
    }

    static void timeLimited(DataProtector protector, Mutation mutation, FuzzInput in) throws Exception {
        TimeLimitedDataProtector timeLimited = protector.toTimeLimited();
        int how = in.u8() % 3;
        long chosenTicks = Long.remainderUnsigned(in.u64(), ProtectRoundTripFuzzTest.MAX_TICKS + 1);
        Duration lifetime = Duration.ofSeconds(in.u24() - (1 << 23));
        byte[] plaintext = in.rest();
        Instant expiration = switch (how) {
            case 0 -> ProtectRoundTripFuzzTest.fromTicks(ProtectRoundTripFuzzTest.MAX_TICKS);
            case 1 -> ProtectRoundTripFuzzTest.fromTicks(chosenTicks);
            default -> ProtectRoundTripFuzzTest.NOW.plus(lifetime);
        };
        byte[] payload = switch (how) {
            case 0 -> timeLimited.protect(plaintext);
            case 1 -> timeLimited.protect(plaintext, expiration);
            default -> timeLimited.protect(plaintext, lifetime);
        };
        byte[] mutated = mutation.apply(payload, java.util.UUID.randomUUID());
        if (!Arrays.equals(mutated, payload)) {
            expectFailure(() -> timeLimited.unprotect(mutated), "a modified time-limited payload");
            return;
        }
        expectPayload(timeLimited, payload, expiration, plaintext);
    }

    static void persisted(DataProtector protector, Mutation mutation, byte[] plaintext) throws Exception {
        byte[] payload = protector.protect(plaintext);
        byte[] mutated = mutation.apply(payload, java.util.UUID.randomUUID());
        boolean ignoreRevocation = (mutation.value() & 1) != 0;
        if (Arrays.equals(mutated, payload)) {
            UnprotectResult result = protector.unprotectPersisted(mutated, ignoreRevocation);
            check(Arrays.equals(result.plaintext(), plaintext), "an unmodified persisted payload did not round-trip");
            check(!result.requiresMigration() && !result.wasRevoked(), "the default key's payload needs migration");
        } else {
            expectFailure(() -> protector.unprotectPersisted(mutated, ignoreRevocation), "a modified persisted payload");
        }
    }

    /** Any inner plaintext under the time-limited purpose: its first 8 bytes are the expiration. */
    static void timeLimitedHeader(DataProtector protector, byte[] inner) {
        byte[] payload = protector.createProtector(TimeLimitedDataProtector.PURPOSE).protect(inner);
        TimeLimitedDataProtector timeLimited = protector.toTimeLimited();
        long ticks = inner.length < 8 ? -1 : java.nio.ByteBuffer.wrap(inner, 0, 8).getLong();
        if (ticks < 0 || ticks > ProtectRoundTripFuzzTest.MAX_TICKS) {
            expectFailure(() -> timeLimited.unprotect(payload), "a time-limited payload without a valid expiration");
            return;
        }
        expectPayload(timeLimited, payload, ProtectRoundTripFuzzTest.fromTicks(ticks),
                Arrays.copyOfRange(inner, 8, inner.length));
    }

    private static void expectPayload(TimeLimitedDataProtector timeLimited, byte[] payload, Instant expiration,
            byte[] data) {
        if (ProtectRoundTripFuzzTest.NOW.isAfter(expiration)) {
            try {
                timeLimited.unprotect(payload);
            } catch (ExpiredPayloadException expected) {
                check(expected.expiration().equals(expiration), "the expired payload reports another expiration");
                return;
            }
            throw new AssertionError("an expired payload was unprotected");
        }
        TimeLimitedDataProtector.Payload<byte[]> result = timeLimited.unprotect(payload);
        check(Arrays.equals(result.data(), data), "a time-limited payload did not round-trip");
        check(result.expiration().equals(expiration), "a time-limited payload lost its expiration");
    }

    /**
     * A payload made here, not by an encryptor, around the fuzzer's key modifier, IV or nonce and ciphertext, with a
     * valid MAC or tag: unprotect must give exactly what the JCA decrypts, or the generic failure.
     */
    static void crafted(DataProtector protector, Ring ring, List<String> purposes, FuzzInput in) throws Exception {
        AlgorithmConfiguration algorithms = ring.algorithms();
        byte[] keyModifier = Arrays.copyOf(in.bytes(16), 16);
        byte[] aad = PayloadFormat.aadFor(PayloadFormat.aadTemplate(purposes), ring.keyId());
        int encKeyLen = algorithms.encryption().keySizeBytes();
        if (algorithms.encryption().isGcm()) {
            byte[] nonce = Arrays.copyOf(in.bytes(12), 12);
            byte[] plaintext = in.rest();
            byte[] key = Sp800108CtrHmacSha512.deriveKey(ring.masterKey(), aad, ContextHeaders.of(algorithms), keyModifier,
                    encKeyLen);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            byte[] payload = payload(ring, keyModifier, nonce, gcm.doFinal(plaintext), new byte[0]);
            check(Arrays.equals(protector.unprotect(payload), plaintext), "a valid GCM payload built here did not decrypt");
            return;
        }
        byte[] iv = Arrays.copyOf(in.bytes(16), 16);
        byte[] ciphertext = in.rest();
        int macLen = algorithms.validation().digestSizeBytes();
        byte[] keys = Sp800108CtrHmacSha512.deriveKey(ring.masterKey(), aad, ContextHeaders.of(algorithms), keyModifier,
                encKeyLen + macLen);
        Mac hmac = Mac.getInstance(algorithms.validation().jcaName());
        hmac.init(new SecretKeySpec(keys, encKeyLen, macLen, algorithms.validation().jcaName()));
        hmac.update(iv);
        byte[] mac = hmac.doFinal(ciphertext);
        byte[] payload = payload(ring, keyModifier, iv, ciphertext, mac);
        byte[] expected = cbcDecrypt(Arrays.copyOf(keys, encKeyLen), iv, ciphertext);
        if (expected == null) {
            expectFailure(() -> protector.unprotect(payload), "a CBC payload with a valid MAC and bad padding or length");
        } else {
            check(Arrays.equals(protector.unprotect(payload), expected), "a CBC payload with a valid MAC decrypted wrongly");
        }
    }

    private static byte[] payload(Ring ring, byte[] keyModifier, byte[] iv, byte[] ciphertext, byte[] mac) {
        byte[] body = Mutation.concat(Mutation.concat(Mutation.concat(keyModifier, iv), ciphertext), mac);
        byte[] payload = new byte[PayloadFormat.HEADER_SIZE + body.length];
        PayloadFormat.writeHeader(payload, ring.keyId());
        System.arraycopy(body, 0, payload, PayloadFormat.HEADER_SIZE, body.length);
        return payload;
    }

    /** AES-CBC with PKCS#7 padding as ASP.NET writes it, or {@code null} when the length or the padding is bad. */
    private static byte[] cbcDecrypt(byte[] key, byte[] iv, byte[] ciphertext) throws Exception {
        if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
            return null;
        }
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] padded = aes.doFinal(ciphertext);
        int pad = padded[padded.length - 1] & 0xFF;
        if (pad < 1 || pad > 16) {
            return null;
        }
        for (int i = padded.length - pad; i < padded.length; i++) {
            if ((padded[i] & 0xFF) != pad) {
                return null;
            }
        }
        return Arrays.copyOf(padded, padded.length - pad);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
