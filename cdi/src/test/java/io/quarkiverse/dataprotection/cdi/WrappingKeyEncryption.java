package io.quarkiverse.dataprotection.cdi;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * An application's own key encryption beans, standing for a KMS. For tests only: "encrypting" wraps the plaintext
 * element in {@code <wrapped>}, so the stored XML shows which encryptor wrote it and which decryptor reads it.
 */
final class WrappingKeyEncryption {

    static final String NAMESPACE = "urn:test:wrapping";
    static final String DECRYPTOR_TYPE = "Test.WrappingDecryptor";

    private WrappingKeyEncryption() {
    }

    @ApplicationScoped
    public static class Encryptor implements KeyEncryptor {

        @Override
        public EncryptedXmlInfo encrypt(Element plaintextElement) {
            Document document = newDocument();
            Element wrapped = document.createElementNS(NAMESPACE, "wrapped");
            wrapped.appendChild(document.importNode(plaintextElement, true));
            return new EncryptedXmlInfo(wrapped, DECRYPTOR_TYPE + ", Test");
        }

        @Override
        public String description() {
            return "wrapping test encryptor";
        }
    }

    @ApplicationScoped
    public static class Decryptor implements KeyDecryptor {

        @Override
        public boolean supports(String decryptorTypeName) {
            return DECRYPTOR_TYPE.equals(decryptorTypeName);
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            for (Node child = encryptedElement.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    return element;
                }
            }
            throw new IllegalArgumentException("nothing wrapped");
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
