package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * A provider's start (build: read, parse, resolve, decrypt what it needs, first protect) on a file store of 1,000
 * certificate-encrypted keys against 1,000 plain keys, alternated in one run; and, as the "before", the encrypted
 * start followed by decrypting every key, which is what a start cost until keys were decrypted on first use
 * (it also warms the JIT up for the other two, so it stays in the schedule). A second table times the element reads alone: the
 * DOM reader
 * ({@code KeyXml.parse}, what a key ring read used until the header reader) against the streaming header reader
 * ({@code KeyXml.parseHeader}, what it uses now), over the same 1,000 texts of each kind.
 */
public final class StartCost {

    private static final int KEYS = 1_000;
    private static final int ROUNDS = 9;
    /** Plain and lazy starts per round: a start is 40-120 ms here, within the noise of a shared machine. */
    private static final int PAIRS = 5;

    private StartCost() {
    }

    public static void main(String[] args) throws Exception {
        Fleet.quiet();
        CertificateWithKey certificate = Fleet.certificate();
        Path root = Files.createTempDirectory("start-cost");
        try {
            List<String> plainXmls = Fleet.keyXmls(KEYS, null);
            List<String> encryptedXmls = Fleet.keyXmls(KEYS, new CertificateXmlEncryptor(certificate));
            Path plain = Fleet.writeFiles(root.resolve("plain"), plainXmls);
            Path encrypted = Fleet.writeFiles(root.resolve("encrypted"), encryptedXmls);
            EncryptedXmlDecryptor decryptor = EncryptedXmlDecryptor.of(certificate);
            List<Long> plainTimes = Fleet.list();
            List<Long> lazyTimes = Fleet.list();
            List<Long> eagerTimes = Fleet.list();
            for (int round = 0; round < ROUNDS + 2; round++) {
                for (int pair = 0; pair < PAIRS; pair++) {
                    long p = start(plain, null, false);
                    long l = start(encrypted, decryptor, false);
                    if (round >= 2) { // two warm-up rounds
                        plainTimes.add(p);
                        lazyTimes.add(l);
                    }
                }
                long e = start(encrypted, decryptor, true);
                if (round >= 2) {
                    eagerTimes.add(e);
                }
            }
            double plainMedian = Fleet.median(plainTimes);
            double lazyMedian = Fleet.median(lazyTimes);
            double eagerMedian = Fleet.median(eagerTimes);
            System.out.println("| start, 1,000 keys, file store (median of " + ROUNDS * PAIRS + "; before: of " + ROUNDS
                    + ") | ms | × plain |");
            System.out.println("|---|---:|---:|");
            System.out.println("| plain keys | " + Fleet.ms(plainMedian) + " | 1.00 |");
            System.out.println("| certificate-encrypted, decrypted on first use | " + Fleet.ms(lazyMedian) + " | "
                    + Fleet.ratio(lazyMedian, plainMedian) + " |");
            System.out.println("| certificate-encrypted, every key decrypted (before) | " + Fleet.ms(eagerMedian) + " | "
                    + Fleet.ratio(eagerMedian, plainMedian) + " |");
            parseCost(plainXmls, encryptedXmls);
        } finally {
            Fleet.deleteTree(root);
        }
    }

    /** Reads of 1,000 elements with each reader, alternated, median of {@link #ROUNDS} after two warm-up rounds. */
    private static void parseCost(List<String> plainXmls, List<String> encryptedXmls) {
        List<List<Long>> times = List.of(Fleet.list(), Fleet.list(), Fleet.list(), Fleet.list());
        for (int round = 0; round < ROUNDS + 2; round++) {
            long[] t = { readAll(plainXmls, KeyXml::parse), readAll(plainXmls, KeyXml::parseHeader),
                    readAll(encryptedXmls, KeyXml::parse), readAll(encryptedXmls, KeyXml::parseHeader) };
            for (int i = 0; round >= 2 && i < t.length; i++) {
                times.get(i).add(t[i]);
            }
        }
        double plainDom = Fleet.median(times.get(0));
        System.out.println();
        System.out.println("| read 1,000 key elements (median of " + ROUNDS + ") | ms | × plain DOM |");
        System.out.println("|---|---:|---:|");
        String[] names = { "plain, DOM reader (before)", "plain, header reader (now)",
                "certificate-encrypted, DOM reader (before)", "certificate-encrypted, header reader (now)" };
        for (int i = 0; i < names.length; i++) {
            double median = Fleet.median(times.get(i));
            System.out.println("| " + names[i] + " | " + Fleet.ms(median) + " | " + Fleet.ratio(median, plainDom) + " |");
        }
    }

    private static long readAll(List<String> xmls, Function<String, KeyRingElement> reader) {
        long begin = System.nanoTime();
        for (String xml : xmls) {
            if (!(reader.apply(xml) instanceof KeyElement)) {
                throw new IllegalStateException("a written key did not read back as a key");
            }
        }
        return System.nanoTime() - begin;
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
