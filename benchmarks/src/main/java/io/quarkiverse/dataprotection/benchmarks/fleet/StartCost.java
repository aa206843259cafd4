package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * A provider's start (build: read, parse, resolve, decrypt what it needs, first protect) on a file store of 1,000
 * certificate-encrypted keys against 1,000 plain keys, alternated in one run; and, as the "before", the encrypted
 * start followed by decrypting every key, which is what a start cost until keys were decrypted on first use.
 */
public final class StartCost {

    private static final int KEYS = 1_000;
    private static final int ROUNDS = 9;

    private StartCost() {
    }

    public static void main(String[] args) throws Exception {
        Fleet.quiet();
        CertificateWithKey certificate = Fleet.certificate();
        Path root = Files.createTempDirectory("start-cost");
        try {
            Path plain = Fleet.writeFiles(root.resolve("plain"), Fleet.keyXmls(KEYS, null));
            Path encrypted = Fleet.writeFiles(root.resolve("encrypted"),
                    Fleet.keyXmls(KEYS, new CertificateXmlEncryptor(certificate)));
            EncryptedXmlDecryptor decryptor = EncryptedXmlDecryptor.of(certificate);
            List<Long> plainTimes = Fleet.list();
            List<Long> lazyTimes = Fleet.list();
            List<Long> eagerTimes = Fleet.list();
            for (int round = 0; round < ROUNDS + 2; round++) {
                long p = start(plain, null, false);
                long l = start(encrypted, decryptor, false);
                long e = start(encrypted, decryptor, true);
                if (round >= 2) { // two warm-up rounds
                    plainTimes.add(p);
                    lazyTimes.add(l);
                    eagerTimes.add(e);
                }
            }
            double plainMedian = Fleet.median(plainTimes);
            double lazyMedian = Fleet.median(lazyTimes);
            double eagerMedian = Fleet.median(eagerTimes);
            System.out.println("| start, 1,000 keys, file store (median of " + ROUNDS + ") | ms | × plain |");
            System.out.println("|---|---:|---:|");
            System.out.println("| plain keys | " + Fleet.ms(plainMedian) + " | 1.00 |");
            System.out.println("| certificate-encrypted, decrypted on first use | " + Fleet.ms(lazyMedian) + " | "
                    + Fleet.ratio(lazyMedian, plainMedian) + " |");
            System.out.println("| certificate-encrypted, every key decrypted (before) | " + Fleet.ms(eagerMedian) + " | "
                    + Fleet.ratio(eagerMedian, plainMedian) + " |");
        } finally {
            Fleet.deleteTree(root);
        }
    }

    private static long start(Path dir, EncryptedXmlDecryptor decryptor, boolean decryptAll) {
        long begin = System.nanoTime();
        var builder = DataProtectionProvider.builder().repository(new FileSystemXmlRepository(dir))
                .backgroundRefresh(false).autoGenerateKeys(false);
        if (decryptor != null) {
            builder.addKeyDecryptor(decryptor);
        }
        try (DataProtectionProvider provider = builder.build()) {
            provider.createProtector("start").protect(new byte[] { 1 });
            if (decryptAll) {
                for (Key key : provider.keyManager().getAllKeys()) {
                    key.encryptor();
                }
            }
            return System.nanoTime() - begin;
        }
    }
}
