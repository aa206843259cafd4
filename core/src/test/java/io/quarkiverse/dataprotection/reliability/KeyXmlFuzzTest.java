package io.quarkiverse.dataprotection.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;

/**
 * Fuzzes the key XML reader, what every instance runs on every element another process (or an attacker with
 * write access to the store) put into the key ring: {@link KeyXml#parse} and, for keys,
 * {@link KeyXml#readDescriptor}. Nothing but a {@link DataProtectionException} (such as
 * {@link io.quarkiverse.dataprotection.internal.xml.KeyXmlException}) may escape, or one bad element would break the
 * refresh for every key.
 * <p>
 * Under {@code mvn test} only the seeds in {@code KeyXmlFuzzTestInputs/} run (the golden key and revocation XML,
 * formatted and not); see docs reliability.adoc to fuzz.
 */
class KeyXmlFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseAndReadDescriptor_anyText_throwNothingButDataProtectionException(byte[] data) {
        String xml = new String(data, StandardCharsets.UTF_8);
        KeyRingElement element;
        try {
            element = KeyXml.parse(xml);
        } catch (DataProtectionException expected) {
            return;
        }
        if (element instanceof KeyElement key) {
            try {
                KeyXml.readDescriptor(key, List.of());
            } catch (DataProtectionException expected) {
                // the only acceptable failure
            }
        }
    }
}
