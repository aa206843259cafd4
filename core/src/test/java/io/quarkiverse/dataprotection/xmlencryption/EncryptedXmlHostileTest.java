package io.quarkiverse.dataprotection.xmlencryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;

/**
 * Hostile {@code <EncryptedData>} for {@link EncryptedXmlDecryptor} (issue 9): anyone holding the public certificate
 * can encrypt any plaintext to it, and anyone writing to the store can shape the XML. Only a
 * {@link KeyDecryptionException} may come out, its message quoting nothing of the XML.
 */
class EncryptedXmlHostileTest {

    private static CertificateWithKey cert;

    @BeforeAll
    static void certificate() {
        cert = TestCertificates.generate("data-protection-hostile");
    }

    private static Element parse(String xml) throws Exception {
        return XmlEncryptionSupport.parse(xml);
    }

    @Test
    void plaintextNested20000Deep_failsAsKeyDecryption() throws Exception {
        String deep = "<masterKey>" + "<a>".repeat(20_000) + "SECRET" + "</a>".repeat(20_000) + "</masterKey>";
        Element data = parse(CertificateXmlEncryptionTest.dotNetStyleEncryptedData(cert, deep));

        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(cert).decrypt(data))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining(cert.thumbprint())
                .hasMessageContaining("nested deeper than 64")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void plaintextNestedToTheLimit_decrypts() throws Exception {
        String atLimit = "<masterKey>" + "<a>".repeat(63) + "AAAA" + "</a>".repeat(63) + "</masterKey>";
        Element data = parse(CertificateXmlEncryptionTest.dotNetStyleEncryptedData(cert, atLimit));

        assertThat(EncryptedXmlDecryptor.of(cert).decrypt(data).getTextContent()).isEqualTo("AAAA");
    }

    /** A {@code CipherReference} would make the decryptor fetch a URI named by whoever wrote the store. */
    @Test
    void cipherReference_isRefusedBeforeAnythingIsResolved() throws Exception {
        String xml = CertificateXmlEncryptionTest.dotNetStyleEncryptedData(cert);
        int last = xml.lastIndexOf("<CipherData>");
        String referenced = xml.substring(0, last)
                + "<CipherData><CipherReference URI=\"file:///etc/SECRET\" /></CipherData></EncryptedData>";

        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(cert).decrypt(parse(referenced)))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining("CipherReference")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void attackerChosenValues_areNotQuoted() throws Exception {
        String xml = CertificateXmlEncryptionTest.dotNetStyleEncryptedData(cert);
        List<String> variants = List.of(
                xml.replace("xmlenc#aes256-cbc", "xmlenc#SECRET\nforged log line"),
                xml.replace("Type=\"http://www.w3.org/2001/04/xmlenc#Element\"", "Type=\"urn:SECRET\""),
                xml.replace("xmlenc#rsa-1_5", "SECRET"),
                xml.replace("<EncryptedData ", "<SECRET ").replace("</EncryptedData>", "</SECRET>"));

        for (String variant : variants) {
            assertThatThrownBy(() -> EncryptedXmlDecryptor.of(cert).decrypt(parse(variant)))
                    .isInstanceOf(KeyDecryptionException.class)
                    .hasMessageNotContaining("SECRET")
                    .hasMessageNotContaining("forged");
        }
    }

    /**
     * Every element removed, every attribute removed, and every text replaced, one at a time, from a real
     * {@code <EncryptedData>}: the decryptor decrypts or throws {@link KeyDecryptionException}, nothing else.
     */
    @Test
    void everySingleDeletionOrReplacement_failsOnlyAsKeyDecryption() throws Exception {
        String xml = CertificateXmlEncryptionTest.dotNetStyleEncryptedData(cert);
        int mutations = 0;
        for (int i = 0;; i++) {
            Element data = parse(xml);
            List<Node> nodes = nodesOf(data);
            if (i >= nodes.size()) {
                break;
            }
            Node node = nodes.get(i);
            if (node instanceof Attr attr) {
                attr.getOwnerElement().removeAttributeNode(attr);
            } else if (node.getNodeType() == Node.TEXT_NODE) {
                node.setNodeValue("SECRET!!");
            } else if (node != data) {
                node.getParentNode().removeChild(node);
            } else {
                continue;
            }
            mutations++;
            Throwable thrown = catchThrowable(() -> EncryptedXmlDecryptor.of(cert).decrypt(data));
            if (thrown != null) {
                assertThat(thrown).as("mutation %d of %s", i, node.getNodeName())
                        .isInstanceOf(DataProtectionException.class).hasMessageNotContaining("SECRET");
            }
        }
        assertThat(mutations).isGreaterThan(15);
    }

    /** Every element, attribute and text node below {@code root} in document order, {@code root} first. */
    private static List<Node> nodesOf(Element root) {
        List<Node> nodes = new ArrayList<>();
        List<Node> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            nodes.add(n);
            NamedNodeMap attributes = n.getAttributes();
            for (int i = 0; attributes != null && i < attributes.getLength(); i++) {
                if (!"xmlns".equals(attributes.item(i).getNodeName())) {
                    nodes.add(attributes.item(i));
                }
            }
            NodeList children = n.getChildNodes();
            for (int i = children.getLength() - 1; i >= 0; i--) {
                stack.add(children.item(i));
            }
        }
        return nodes;
    }
}
