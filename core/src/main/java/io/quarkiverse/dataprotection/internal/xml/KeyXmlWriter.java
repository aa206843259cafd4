package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.NetGuid;
import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * Writes key and revocation elements byte for byte as ASP.NET Core's {@code XmlKeyManager} produces them and its
 * Redis repository stores them ({@code XElement.ToString(SaveOptions.DisableFormatting)}). See {@link KeyXml}.
 */
final class KeyXmlWriter {

    /** What .NET 8 writes ({@code Type.AssemblyQualifiedName}); .NET ignores the version when reading. */
    static final String DESCRIPTOR_DESERIALIZER_TYPE = KeyXml.DESCRIPTOR_DESERIALIZER_TYPE_NAME
            + ", Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";

    static final String UNENCRYPTED_WARNING = " Warning: the key below is in an unencrypted form. ";
    static final String GCM_COMMENT = " AES-GCM includes a 128-bit authentication tag, no extra validation algorithm required. ";
    static final String REVOKE_ALL_COMMENT = " All keys created before the revocation date are revoked. ";

    private KeyXmlWriter() {
    }

    static String writeKey(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, Secret masterKey, KeyEncryptor encryptor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length() == 0) {
            throw new IllegalArgumentException("Invalid master key of 0 bytes; a key needs secret material");
        }
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<key id=\"").append(NetGuid.format(id)).append("\" version=\"1\">");
        date(sb, "creationDate", creationDate);
        date(sb, "activationDate", activationDate);
        date(sb, "expirationDate", expirationDate);
        sb.append("<descriptor deserializerType=\"").append(DESCRIPTOR_DESERIALIZER_TYPE).append("\"><descriptor>");
        sb.append("<encryption algorithm=\"").append(algorithms.encryption().xmlName()).append("\" />");
        if (algorithms.validation() == null) {
            sb.append("<!--").append(GCM_COMMENT).append("-->");
        } else {
            sb.append("<validation algorithm=\"").append(algorithms.validation().xmlName()).append("\" />");
        }
        if (encryptor == null) {
            sb.append("<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"").append(SecureXml.DP_NAMESPACE)
                    .append("\"><!--").append(UNENCRYPTED_WARNING).append("--><value>").append(base64(masterKey))
                    .append("</value></masterKey>");
        } else {
            encryptedSecret(sb, encryptor.encrypt(masterKeyElement(masterKey)));
        }
        return sb.append("</descriptor></descriptor></key>").toString();
    }

    /**
     * The {@code <masterKey>} element as ASP.NET hands it to an {@code IXmlEncryptor}: the root of its own document,
     * marked {@code requiresEncryption}.
     */
    static Element masterKeyElement(Secret masterKey) {
        Document doc = SecureXml.newDocument();
        Element element = doc.createElementNS(null, "masterKey");
        element.setAttributeNS(SecureXml.DP_NAMESPACE, "p1:requiresEncryption", "true");
        element.appendChild(doc.createComment(UNENCRYPTED_WARNING));
        Element value = doc.createElementNS(null, "value");
        value.setTextContent(base64(masterKey));
        element.appendChild(value);
        doc.appendChild(element);
        return element;
    }

    /** {@code <encryptedSecret decryptorType="..." xmlns="http://schemas.asp.net/2015/03/dataProtection">}. */
    private static void encryptedSecret(StringBuilder sb, EncryptedXmlInfo info) {
        Objects.requireNonNull(info, "KeyEncryptor.encrypt returned null");
        sb.append("<encryptedSecret decryptorType=\"");
        XLinqWriter.escape(sb, info.decryptorType(), true);
        sb.append("\" xmlns=\"").append(SecureXml.DP_NAMESPACE).append("\">");
        new XLinqWriter(sb).write(info.encryptedElement(), SecureXml.DP_NAMESPACE);
        sb.append("</encryptedSecret>");
    }

    static String writeRevocation(Instant revocationDate, UUID keyId, String reason) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<revocation version=\"1\">");
        date(sb, "revocationDate", revocationDate);
        if (keyId == null) {
            sb.append("<!--").append(REVOKE_ALL_COMMENT).append("--><key id=\"*\" />");
        } else {
            sb.append("<key id=\"").append(NetGuid.format(keyId)).append("\" />");
        }
        if (reason == null) {
            sb.append("<reason />");
        } else {
            sb.append("<reason>");
            XLinqWriter.escape(sb, reason, false);
            sb.append("</reason>");
        }
        sb.append("</revocation>");
        if (sb.length() > SecureXml.MAX_CHARS) {
            // Every reader would refuse it, and an unreadable revocation stops every key ring read.
            throw new IllegalArgumentException("Invalid revocation reason of " + reason.length() + " characters: a stored"
                    + " element is limited to " + SecureXml.MAX_CHARS + " characters; give a shorter reason");
        }
        return sb.toString();
    }

    private static void date(StringBuilder sb, String name, Instant value) {
        Objects.requireNonNull(value, name);
        sb.append('<').append(name).append('>').append(XmlDates.format(value)).append("</").append(name).append('>');
    }

    private static String base64(Secret secret) {
        byte[] bytes = secret.exposeSecretBytes();
        try {
            return Base64.getEncoder().encodeToString(bytes);
        } finally {
            Secret.wipe(bytes);
        }
    }
}
