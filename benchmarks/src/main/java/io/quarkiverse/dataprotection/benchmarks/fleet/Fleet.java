package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.TestCertificate;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;

/**
 * What the fleet-scale benchmarks (issue 11) share: rings of many key elements made through the public key manager,
 * written to a file store directory, and percentiles. Not thread-safe; each benchmark runs it on one thread.
 */
final class Fleet {

    private Fleet() {
    }

    /** Routes the library's logging to java.util.logging and keeps only warnings (10,000 "Created key" lines). */
    static void quiet() {
        System.setProperty("org.jboss.logging.provider", "jdk");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.SEVERE);
        for (var handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /**
     * The XML of {@code count} keys, oldest first, each active for 90 days from one day after the previous, so that
     * the newest is the default key today and all others are expired (the shape of a ring years old).
     */
    static List<String> keyXmls(int count, KeyEncryptor encryptor) {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        var builder = DataProtectionProvider.builder().repository(store).backgroundRefresh(false)
                .autoGenerateKeys(false);
        if (encryptor != null) {
            builder.keyEncryptor(encryptor);
        }
        Instant now = Instant.now();
        try (DataProtectionProvider provider = builder.build()) {
            for (int i = 0; i < count; i++) {
                Instant activation = now.minus(Duration.ofDays(count - 1 - i)).minus(Duration.ofHours(1));
                provider.keyManager().createNewKey(activation, activation.plus(Duration.ofDays(90)));
            }
        }
        return store.readAll().stream().map(StoredElement::xml).toList();
    }

    /** Writes each element as {@code key-<n>.xml} into {@code dir}, as the file store names them. */
    static Path writeFiles(Path dir, List<String> xmls) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < xmls.size(); i++) {
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "key-%08d.xml", i)), xmls.get(i),
                    StandardCharsets.UTF_8);
        }
        return dir;
    }

    static CertificateWithKey certificate() {
        TestCertificate generated = CertificateGenerator.generate("fleet-benchmark");
        return CertificateWithKey.of(generated.certificate(), generated.privateKey());
    }

    /** The {@code p}-th percentile (0..100) of {@code values} (sorted in place). */
    static double percentile(long[] values, double p) {
        Arrays.sort(values);
        int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, index))];
    }

    static double median(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        return percentile(array, 50);
    }

    static List<Long> list() {
        return new ArrayList<>();
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
