package io.quarkiverse.dataprotection.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyHeaderDifferential;
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * Fuzzes the key XML reader with any text, what every instance runs on every element another process (or an
 * attacker with write access to the store) put into the key ring: {@link KeyXml#parse} and, for keys,
 * {@link KeyXml#readDescriptor} with a real certificate decryptor (so Santuario reads whatever
 * {@code <EncryptedData>} the fuzzer writes). {@code parse} may throw only a {@link KeyXmlException} (never of kind
 * INVALID_DESCRIPTOR), {@code readDescriptor} only one of kind INVALID_DESCRIPTOR or another
 * {@link DataProtectionException}; anything else would break the refresh for every key. Each input is also read
 * by {@link KeyXml#parseHeader}, which must agree with {@code parse} ({@link KeyHeaderDifferential}).
 * <p>
 * libFuzzer takes its input size limit from the largest seed when {@code -max_len} is not given, so the seeds
 * {@code key-nested-1786-deep} (13 KB) and {@code revocation-nested-20000-deep} (137 KiB) let it write inputs large
 * enough for nesting attacks; {@link KeyXmlStructureFuzzTest} builds much larger ones from small inputs.
 * <p>
 * Under {@code mvn test} only the seeds in {@code KeyXmlFuzzTestInputs/} run (the golden key and revocation XML,
 * the deep elements of issue 9 and Jazzer's findings); see docs reliability.adoc to fuzz.
 */
class KeyXmlFuzzTest {

    private static final Set<Kind> PARSE_KINDS = Set.of(Kind.MALFORMED, Kind.UNKNOWN_ELEMENT, Kind.INVALID_KEY,
            Kind.INVALID_REVOCATION);
    private static final List<KeyDecryptor> DECRYPTORS = List
            .of(EncryptedXmlDecryptor.of(new CertificateEncryption("fuzz-key-xml-text").certificate));

    @FuzzTest(maxDuration = "60s")
    void parseAndReadDescriptor_anyText_throwNothingButDataProtectionException(byte[] data) {
        String xml = new String(data, StandardCharsets.UTF_8);
        KeyHeaderDifferential.check(xml);
        KeyRingElement element;
        try {
            element = KeyXml.parse(xml);
        } catch (KeyXmlException e) {
            if (!PARSE_KINDS.contains(e.kind())) {
                throw new AssertionError("parse failed as " + e.kind(), e);
            }
            return;
        }
        if (element instanceof KeyElement key) {
            try {
                KeyXml.readDescriptor(key, DECRYPTORS);
            } catch (KeyXmlException e) {
                if (e.kind() != Kind.INVALID_DESCRIPTOR) {
                    throw new AssertionError("readDescriptor failed as " + e.kind(), e);
                }
            } catch (DataProtectionException expected) {
                // a KeyDecryptionException: the certificate is not the one the key names, or the data is bad
            }
        }
    }
}
