package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;

/**
 * Whatever a {@link KeyDecryptor} does, {@link KeyXml#readDescriptor} fails only with a {@link KeyXmlException} or a
 * {@link KeyDecryptionException}, and never quotes what the decryptor said (it may have quoted the secret).
 */
class KeyXmlDecryptorFailureTest {

    private static final String TYPE = "Contoso.SecretDecryptor";

    private static KeyElement encryptedKey() {
        String xml = KeyXmlHostileTest.key(KeyXmlHostileTest.ID, KeyXmlHostileTest.MASTER_KEY, "")
                .replace("<masterKey><value>" + KeyXmlHostileTest.MASTER_KEY + "</value></masterKey>",
                        "<encryptedSecret decryptorType=\"" + TYPE + ", Contoso\" xmlns=\"" + SecureXml.DP_NAMESPACE
                                + "\"><sealed xmlns=\"\">SECRET</sealed></encryptedSecret>");
        return (KeyElement) KeyXml.parse(xml);
    }

    private static KeyDecryptor decryptor(Function<Element, Element> decrypt) {
        return new KeyDecryptor() {
            @Override
            public boolean supports(String decryptorTypeName) {
                return TYPE.equals(decryptorTypeName);
            }

            @Override
            public Element decrypt(Element encryptedElement) {
                return decrypt.apply(encryptedElement);
            }
        };
    }

    @Test
    void decryptorThrowingARuntimeException_failsAsKeyDecryption_withoutItsMessage() {
        KeyDecryptor throwing = decryptor(e -> {
            throw new IllegalStateException("SECRET " + KeyXmlHostileTest.MASTER_KEY);
        });

        assertThatThrownBy(() -> KeyXml.readDescriptor(encryptedKey(), List.of(throwing)))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("Key " + KeyXmlHostileTest.ID)
                .hasMessageContaining(TYPE)
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("k88Vrw")
                .hasNoCause();
    }

    @Test
    void decryptorThrowingDomException_failsAsKeyDecryption() {
        KeyDecryptor throwing = decryptor(e -> {
            throw new DOMException(DOMException.NAMESPACE_ERR, "SECRET");
        });

        assertThatThrownBy(() -> KeyXml.readDescriptor(encryptedKey(), List.of(throwing)))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("DOMException")
                .hasMessageNotContaining("SECRET");
    }

    /** What a decryptor whose optional dependency is missing throws: an Error, but no VirtualMachineError. */
    @Test
    void decryptorThrowingALinkageError_failsAsKeyDecryption() {
        KeyDecryptor throwing = decryptor(e -> {
            throw new NoClassDefFoundError("org/apache/xml/security/SECRET");
        });

        assertThatThrownBy(() -> KeyXml.readDescriptor(encryptedKey(), List.of(throwing)))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("NoClassDefFoundError")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void decryptorReturningA20000DeepTree_failsAsInvalidDescriptor() {
        KeyDecryptor deep = decryptor(e -> {
            Document doc = SecureXml.newDocument();
            Element root = doc.createElementNS(null, "masterKey");
            doc.appendChild(root);
            Element parent = root;
            for (int i = 0; i < 20_000; i++) {
                Element child = doc.createElementNS(null, "value");
                parent.appendChild(child);
                parent = child;
            }
            parent.setTextContent("SECRET");
            return root;
        });

        assertThatThrownBy(() -> KeyXml.readDescriptor(encryptedKey(), List.of(deep)))
                .isInstanceOf(KeyXmlException.class)
                .satisfies(e -> assertThat(((KeyXmlException) e).kind()).isEqualTo(Kind.INVALID_DESCRIPTOR))
                .hasMessageContaining(TYPE)
                .hasMessageContaining("nested deeper than " + SecureXml.MAX_DEPTH)
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void decryptorReturningAMasterKey_isUsed() {
        KeyDecryptor working = decryptor(e -> {
            Document doc = SecureXml.newDocument();
            Element root = doc.createElementNS(null, "masterKey");
            doc.appendChild(root);
            Element value = doc.createElementNS(null, "value");
            value.setTextContent("AQID");
            root.appendChild(value);
            return root;
        });

        assertThat(KeyXml.readDescriptor(encryptedKey(), List.of(working)).masterKey().length()).isEqualTo(3);
    }
}
