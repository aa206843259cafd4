package io.quarkiverse.dataprotection.cli;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.quarkiverse.dataprotection.keys.NetGuid;

/**
 * What the command may tell about one stored key ring element without decrypting anything: whether it is a key or a
 * revocation, the key id, and how a key's master key is encrypted at rest (the decryptor type and, for certificate
 * encryption, the certificate's thumbprint and subject from its {@code X509Data}). Holds no key material; the element
 * is kept only to be written back (export, import).
 *
 * @param kind what the element is
 * @param keyId the key's id, or the revoked key's id; {@code null} for a revocation of every key ({@code id="*"})
 * @param encryption how a key's master key is stored; {@code null} for other elements
 * @param element the parsed element
 */
record StoredElementInfo(Kind kind, UUID keyId, KeyEncryptionInfo encryption, Element element) {

    /** Elements of a key ring. */
    enum Kind {
        KEY,
        REVOCATION,
        OTHER
    }

    /**
     * How a key's master key is stored.
     *
     * @param type {@code none} (unencrypted), {@code certificate}, {@code azure-key-vault-key} or {@code other}
     * @param decryptorType the .NET type name of the decryptor, without assembly, version and token; or {@code null}
     * @param certificateThumbprint the upper-case SHA-1 thumbprint of the encrypting certificate, or {@code null}
     * @param certificateSubject its subject, or {@code null}
     */
    record KeyEncryptionInfo(String type, String decryptorType, String certificateThumbprint,
            String certificateSubject) {

        String describe() {
            return switch (type) {
                case "none" -> "none (unencrypted)";
                case "certificate" -> certificateThumbprint == null ? "certificate"
                        : "certificate " + certificateThumbprint + " (" + certificateSubject + ")";
                default -> type + " (" + decryptorType + ")";
            };
        }
    }

    /**
     * @throws IllegalArgumentException when a key or revocation lacks a valid id
     */
    static StoredElementInfo of(Element element) {
        String name = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
        return switch (name) {
            case "key" -> new StoredElementInfo(Kind.KEY, id(element.getAttribute("id"), "key"), encryption(element),
                    element);
            case "revocation" -> new StoredElementInfo(Kind.REVOCATION, revokedId(element), null, element);
            default -> new StoredElementInfo(Kind.OTHER, null, null, element);
        };
    }

    private static UUID revokedId(Element revocation) {
        Element key = child(revocation, "key");
        if (key == null || child(revocation, "revocationDate") == null) {
            throw new IllegalArgumentException("a revocation needs <revocationDate> and <key id=\"...\"/>");
        }
        String id = key.getAttribute("id").strip();
        return "*".equals(id) ? null : id(id, "revoked key");
    }

    private static UUID id(String text, String what) {
        UUID id = NetGuid.parseOrNull(text);
        if (id == null) {
            throw new IllegalArgumentException("the " + what + " id '" + abbreviate(text) + "' is not a GUID");
        }
        return id;
    }

    private static KeyEncryptionInfo encryption(Element key) {
        Element secret = descendant(key, "encryptedSecret");
        if (secret == null) {
            return descendant(key, "masterKey") == null ? new KeyEncryptionInfo("unknown", null, null, null)
                    : new KeyEncryptionInfo("none", null, null, null);
        }
        String decryptor = secret.getAttribute("decryptorType");
        String typeName = decryptor.split(",", 2)[0].strip();
        String simple = typeName.substring(typeName.lastIndexOf('.') + 1);
        if ("EncryptedXmlDecryptor".equals(simple)) {
            Element certificate = descendant(secret, "X509Certificate");
            X509Certificate parsed = certificate == null ? null : certificate(certificate.getTextContent());
            return parsed == null ? new KeyEncryptionInfo("certificate", typeName, null, null)
                    : new KeyEncryptionInfo("certificate", typeName, thumbprint(parsed),
                            parsed.getSubjectX500Principal().getName());
        }
        if ("AzureKeyVaultXmlDecryptor".equals(simple)) {
            return new KeyEncryptionInfo("azure-key-vault-key", typeName, null, null);
        }
        return new KeyEncryptionInfo("other", typeName, null, null);
    }

    private static X509Certificate certificate(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()))
                    .toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            return null;
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Element descendant(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS("*", localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
