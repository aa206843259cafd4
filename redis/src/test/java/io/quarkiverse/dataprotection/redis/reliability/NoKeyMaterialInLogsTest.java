package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * Runs a representative life of two instances on Redis (keys created, data protected and unprotected, a key
 * revoked, tampered, unknown and revoked payloads, unreadable elements, a Redis stall (CLIENT PAUSE) while a key is
 * created, a Redis outage during a key creation and a revocation, an emptied store and an operator's reset) with every log
 * record captured at every level of this
 * project's loggers, and asserts that no master key and no plaintext, in base64, base64url or hex, appears in any
 * log record (message, parameters, thrown chain with stack traces), in any exception the API threw (with its causes:
 * applications log them with stack traces) or in any {@code KeyRingStatus}.
 * <p>
 * The master keys are known because the store keeps them unencrypted: the test reads every {@code <value>} from the
 * Redis list.
 */
class NoKeyMaterialInLogsTest {

    private static final Pattern VALUE = Pattern.compile("<value>([^<]+)</value>");
    private static final List<String> PURPOSES = List.of("log-scan");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<String> surfaced = new ArrayList<>();
    private final Set<String> masterKeys = new LinkedHashSet<>();

    @Test
    @Timeout(90)
    void noMasterKeyOrPlaintext_inAnyLogRecordExceptionOrStatus() throws Exception {
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Logger project = Logger.getLogger("io.quarkiverse.dataprotection");
        Level projectLevel = project.getLevel();
        root.addHandler(capture);
        project.setLevel(Level.ALL);
        List<String> plaintexts = new ArrayList<>();
        try (RedisServer redis = RedisServers.standalone()) {
            RedisConnectionSettings settings = Instances.quick(RedisConnectionSettings.standalone(redis.uri()));
            try (Instances.Instance a = Instances.start(settings, b -> b.refreshPeriod(Duration.ofSeconds(1)));
                    Instances.Instance b = Instances.start(settings, c -> c.refreshPeriod(Duration.ofSeconds(1))
                            .unknownKeyRefreshInterval(Duration.ofMillis(1)))) {
                DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
                DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));

                // Protect and unprotect, both ways, strings and bytes
                for (int i = 0; i < 5; i++) {
                    String plaintext = "plaintext-" + UUID.randomUUID();
                    plaintexts.add(plaintext);
                    assertThat(protectorB.unprotect(protectorA.protect(plaintext))).isEqualTo(plaintext);
                    byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
                    assertThat(protectorA.unprotect(protectorB.protect(bytes))).isEqualTo(bytes);
                }
                String secretText = "card-4111111111111111-" + UUID.randomUUID();
                plaintexts.add(secretText);
                byte[] payload = protectorA.protect(secretText.getBytes(StandardCharsets.UTF_8));

                // Failures: tampered, wrong purpose, unknown key, not a payload at all
                byte[] tampered = payload.clone();
                tampered[tampered.length - 1] ^= 1;
                expectFailure(() -> protectorB.unprotect(tampered));
                expectFailure(() -> b.provider().createProtector("other").unprotect(payload));
                byte[] unknown = payload.clone();
                PayloadFormat.writeHeader(unknown, UUID.randomUUID());
                expectFailure(() -> protectorB.unprotect(unknown));
                expectFailure(() -> protectorB.unprotect(secretText));

                // A second key, used, then revoked: refused on B
                Instant now = Instant.now();
                Key second = a.provider().keyManager().createNewKey(now, now.plus(Duration.ofDays(90)));
                byte[] underSecond = Instances.payloadUnder(second, PURPOSES, bytes(secretText));
                assertThat(protectorB.unprotect(underSecond)).isEqualTo(bytes(secretText));
                a.provider().keyManager().revokeKey(second.id(), "log scan");
                Instances.millisUntil(() -> failsAsRevoked(protectorB, underSecond), Duration.ofSeconds(3));
                expectFailure(() -> protectorB.unprotect(underSecond));

                // Elements nobody can use, carrying secrets: malformed XML, and a key with an unknown algorithm
                String unusableSecret = base64(random(64));
                masterKeys.add(unusableSecret);
                String unreadableSecret = base64(random(64));
                masterKeys.add(unreadableSecret);
                redis.rpush(Instances.LIST, unusableKey(unusableSecret), "<key id=\"broken\"><value>" + unreadableSecret
                        + "</value>");
                expectFailure(() -> protectorB.unprotect(unknown)); // reads the ring again at once
                Instances.sleep(1_500);
                collectMasterKeys(redis);
                surfaced.add(a.provider().status().toString());
                surfaced.add(b.provider().status().toString());

                // Redis stalls (connected, not answering): a key creation's attempts time out with the command in
                // flight; it retries on the store's new version and may succeed once Redis answers again
                redis.command("CLIENT", "PAUSE", "2500", "ALL");
                try {
                    a.provider().keyManager().createNewKey(Instant.now(), Instant.now().plus(Duration.ofDays(90)));
                } catch (DataProtectionException timedOut) {
                    surfaced.add(stackTrace(timedOut));
                }
                Instances.sleep(2_600);
                collectMasterKeys(redis);

                // Redis outage: background refreshes fail, a key creation and a revocation fail
                redis.kill();
                expectFailure(() -> a.provider().keyManager().createNewKey(Instant.now(),
                        Instant.now().plus(Duration.ofDays(90))));
                expectFailure(() -> a.provider().keyManager().revokeKey(UUID.randomUUID(), "during the outage"));
                expectFailure(() -> protectorB.unprotect(unknown));
                Instances.sleep(2_500);
                assertThat(protectorB.unprotect(protectorA.protect(secretText))).isEqualTo(secretText);
                surfaced.add(a.provider().status().toString());
                surfaced.add(b.provider().status().toString());

                // Back empty (no persistence): the instances restore the elements they had read (key XML is written
                // again, so the restore path is scanned too)
                redis.restart();
                // The clients may still be reconnecting to the restarted server: wait (bounded) for the restore
                // (whichever instance reads first restores; the other then finds the ring complete)
                assertThat(Instances.millisUntil(() -> !redis.lrange(Instances.LIST).isEmpty()
                        && (a.provider().status().lastKeyLoss().isPresent()
                                || b.provider().status().lastKeyLoss().isPresent()),
                        Duration.ofSeconds(15)))
                        .as("ms until the lost keys were restored").isNotNegative();
                surfaced.add(a.provider().status().toString());
                surfaced.add(b.provider().status().toString());
                assertThat(protectorB.unprotect(protectorA.protect(secretText))).isEqualTo(secretText);
                collectMasterKeys(redis);
                surfaced.add(a.provider().status().toString());
                surfaced.add(b.provider().status().toString());
            }
        } finally {
            root.removeHandler(capture);
            project.setLevel(projectLevel);
        }

        Map<String, String> forbidden = forbidden(plaintexts);
        List<String> texts = new ArrayList<>(surfaced);
        for (LogRecord record : records) {
            texts.add(render(record));
        }
        List<String> leaks = new ArrayList<>();
        for (String text : texts) {
            for (Map.Entry<String, String> secret : forbidden.entrySet()) {
                if (text.contains(secret.getKey())) {
                    leaks.add(secret.getValue() + " in: " + text.substring(0, Math.min(text.length(), 600)));
                }
            }
        }
        Measurements.record("log scan", "%d log records and %d exception/status texts scanned for %d master keys and "
                + "%d plaintexts (%d forbidden strings in base64, base64url, hex and 16-character prefixes): %d leaks",
                records.size(), surfaced.size(), masterKeys.size(), plaintexts.size(), forbidden.size(), leaks.size());
        assertThat(masterKeys).as("master keys read from the store").hasSizeGreaterThanOrEqualTo(4);
        assertThat(records).as("the run did log").hasSizeGreaterThan(20);
        assertThat(leaks).isEmpty();
    }

    private void expectFailure(Runnable operation) {
        try {
            operation.run();
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(DataProtectionException.class);
            surfaced.add(stackTrace(e));
            return;
        }
        throw new AssertionError("expected a DataProtectionException");
    }

    private static boolean failsAsRevoked(DataProtector protector, byte[] payload) {
        try {
            protector.unprotect(payload);
            return false;
        } catch (DataProtectionException e) {
            return e.getMessage().contains("revoked");
        }
    }

    private void collectMasterKeys(RedisServer redis) {
        for (String entry : redis.lrange(Instances.LIST)) {
            Matcher m = VALUE.matcher(entry);
            while (m.find()) {
                masterKeys.add(m.group(1));
            }
        }
    }

    /** Every encoding of every secret, mapped to a description that does not repeat it. */
    private Map<String, String> forbidden(List<String> plaintexts) {
        Map<String, String> forbidden = new LinkedHashMap<>();
        int n = 0;
        for (String masterKey : masterKeys) {
            byte[] raw = Base64.getDecoder().decode(masterKey);
            addEncodings(forbidden, raw, "master key #" + n++);
        }
        n = 0;
        for (String plaintext : plaintexts) {
            forbidden.put(plaintext, "plaintext #" + n);
            addEncodings(forbidden, bytes(plaintext), "plaintext #" + n++);
        }
        return forbidden;
    }

    private static void addEncodings(Map<String, String> forbidden, byte[] raw, String what) {
        List<String> encodings = List.of(Base64.getEncoder().encodeToString(raw),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw), HexFormat.of().formatHex(raw),
                HexFormat.of().withUpperCase().formatHex(raw));
        for (String encoding : encodings) {
            forbidden.put(encoding, what);
            forbidden.put(encoding.substring(0, 16), what + " (prefix)");
        }
    }

    private static String render(LogRecord record) {
        StringBuilder text = new StringBuilder();
        text.append(record.getLoggerName()).append(' ').append(record.getMessage()).append(' ');
        try {
            text.append(new SimpleFormatter().formatMessage(record)).append(' ');
        } catch (RuntimeException e) {
            text.append("(unformattable) ");
        }
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(parameter).append(' ');
            }
        }
        if (record.getThrown() != null) {
            text.append(stackTrace(record.getThrown()));
        }
        return text.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** A key element whose descriptor names an algorithm nobody knows, so it is reported unusable. */
    private static String unusableKey(String secret) {
        String id = UUID.randomUUID().toString();
        return "<key id=\"" + id + "\" version=\"1\"><creationDate>2026-01-01T00:00:00Z</creationDate>"
                + "<activationDate>2026-01-01T00:00:00Z</activationDate><expirationDate>2099-01-01T00:00:00Z"
                + "</expirationDate><descriptor deserializerType=\"Microsoft.AspNetCore.DataProtection."
                + "AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, "
                + "Microsoft.AspNetCore.DataProtection\"><descriptor><encryption algorithm=\"ROT13\" />"
                + "<validation algorithm=\"HMACSHA256\" /><masterKey p4:requiresEncryption=\"true\" "
                + "xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\"><value>" + secret
                + "</value></masterKey></descriptor></descriptor></key>";
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
