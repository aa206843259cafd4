package io.quarkiverse.dataprotection.internal.xml;

import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;

/**
 * Reads the inner {@code <descriptor>} of a key with the rules of ASP.NET Core's
 * {@code AuthenticatedEncryptorDescriptorDeserializer} and {@code XmlEncryptionExtensions.DecryptElement}.
 * See {@link KeyXml}.
 */
final class DescriptorReader {

    private static final String OLD_NAMESPACE = "Microsoft.AspNet.DataProtection.";
    private static final String CURRENT_NAMESPACE = "Microsoft.AspNetCore.DataProtection.";
    private static final int MAX_ENCRYPTED_SECRETS = 16;
    /** Namespace-qualified, with nested ({@code +}) and generic ({@code `1}) types; no spaces, no line breaks. */
    private static final Pattern DOTNET_TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.+`]{0,199}");

    private DescriptorReader() {
    }

    /**
     * The .NET type name without its assembly part, with the pre-1.0 namespace mapped to the current one, as
     * ASP.NET's {@code TypeForwardingActivator} does before it resolves a type (the version is ignored).
     */
    static String typeName(String assemblyQualifiedName) {
        String name = assemblyQualifiedName.strip();
        int comma = name.indexOf(',');
        if (comma >= 0) {
            name = name.substring(0, comma).strip();
        }
        return name.startsWith(OLD_NAMESPACE) ? CURRENT_NAMESPACE + name.substring(OLD_NAMESPACE.length()) : name;
    }

    /**
     * A type name from the XML fit for a message: one that looks like a .NET type name is named (that is what an
     * operator needs to see), anything else (line breaks, markup, a whole sentence) is not quoted.
     */
    static String describeType(String typeName) {
        return DOTNET_TYPE_NAME.matcher(typeName).matches() ? typeName : "(a type name that is not a .NET type name)";
    }

    static KeyXml.KeyMaterial read(KeyElement key, List<KeyDecryptor> decryptors) {
        String what = "Key " + key.id();
        String deserializer = typeName(key.deserializerType());
        if (!deserializer.equals(KeyXml.DESCRIPTOR_DESERIALIZER_TYPE_NAME)) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                    what + " uses the descriptor deserializer " + describeType(deserializer) + "; only "
                            + KeyXml.DESCRIPTOR_DESERIALIZER_TYPE_NAME + " (what ASP.NET Core writes) is supported");
        }
        Element descriptor = decrypt(key.descriptor(), decryptors, what);
        AlgorithmConfiguration algorithms = algorithms(descriptor, what);
        return new KeyXml.KeyMaterial(algorithms, masterKey(descriptor, what));
    }

    /**
     * A copy of {@code descriptor} with every {@code encryptedSecret} replaced by what it decrypts to. Trees are copied
     * without recursion and no deeper than {@link SecureXml#MAX_DEPTH}, whether they were parsed (and so already
     * limited) or built by a decryptor.
     */
    private static Element decrypt(Element descriptor, List<KeyDecryptor> decryptors, String what) {
        Document doc = SecureXml.newDocument();
        Element copy = SecureXml.importTree(doc, descriptor, SecureXml.MAX_DEPTH);
        if (copy == null) {
            throw tooDeep(what + ": the descriptor");
        }
        doc.appendChild(copy);
        Element encrypted;
        int rounds = 0;
        while ((encrypted = firstEncryptedSecret(doc)) != null) {
            if (++rounds > MAX_ENCRYPTED_SECRETS) {
                // A decryptor that returns encrypted elements again would otherwise loop forever.
                throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                        what + ": more than " + MAX_ENCRYPTED_SECRETS + " nested <encryptedSecret> elements");
            }
            String decryptorType = KeyXmlReader.attribute(encrypted, "decryptorType");
            if (decryptorType == null || decryptorType.isBlank()) {
                throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                        what + ": <encryptedSecret> has no decryptorType attribute");
            }
            String type = typeName(decryptorType);
            KeyDecryptor decryptor = decryptors.stream().filter(d -> d.supports(type)).findFirst()
                    .orElseThrow(
                            () -> new KeyDecryptionException(what + " has its master key encrypted by " + describeType(type)
                                    + ", and no configured key decryptor supports that type"));
            Element[] payload = new Element[1];
            if (SecureXml.childElements(encrypted, payload) != 1) {
                throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                        what + ": <encryptedSecret> must contain exactly one element");
            }
            Element replacement = SecureXml.importTree(doc, decryptWith(decryptor, payload[0], type, what),
                    SecureXml.MAX_DEPTH);
            if (replacement == null) {
                throw tooDeep(what + ": the " + describeType(type) + " decryptor returned an element that");
            }
            encrypted.getParentNode().replaceChild(replacement, encrypted);
        }
        return doc.getDocumentElement();
    }

    /**
     * Runs a decryptor, which may be any code: its own {@link DataProtectionException}s
     * (a {@link KeyDecryptionException}, a certificate source that cannot load) pass as they are, anything else
     * becomes a {@link KeyDecryptionException} naming only the exception's class, as its message may quote the secret.
     */
    private static Element decryptWith(KeyDecryptor decryptor, Element payload, String type, String what) {
        Element decrypted;
        try {
            decrypted = decryptor.decrypt(payload);
        } catch (DataProtectionException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            throw new KeyDecryptionException(
                    what + ": the " + describeType(type) + " decryptor failed (" + e.getClass().getName() + ")");
        }
        if (decrypted == null) {
            throw new KeyDecryptionException(what + ": the " + describeType(type) + " decryptor returned nothing");
        }
        return decrypted;
    }

    private static KeyXmlException tooDeep(String what) {
        return new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR, what + " has elements nested deeper than "
                + SecureXml.MAX_DEPTH + " levels, the limit for a stored element");
    }

    private static Element firstEncryptedSecret(Document doc) {
        NodeList found = doc.getElementsByTagNameNS(SecureXml.DP_NAMESPACE, "encryptedSecret");
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static AlgorithmConfiguration algorithms(Element descriptor, String what) {
        EncryptionAlgorithm encryption;
        try {
            encryption = EncryptionAlgorithm.fromXmlName(algorithm(descriptor, "encryption", what));
        } catch (IllegalArgumentException e) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                    what + ": unknown <encryption> algorithm; expected one of "
                            + java.util.Arrays.toString(EncryptionAlgorithm.values()));
        }
        if (encryption.isGcm()) {
            return AlgorithmConfiguration.gcm(encryption); // ASP.NET does not read <validation> for GCM
        }
        try {
            return new AlgorithmConfiguration(encryption,
                    ValidationAlgorithm.fromXmlName(algorithm(descriptor, "validation", what)));
        } catch (IllegalArgumentException e) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                    what + ": unknown <validation> algorithm; expected one of "
                            + java.util.Arrays.toString(ValidationAlgorithm.values()));
        }
    }

    /** ASP.NET has no defaults: a missing element or attribute fails the key. */
    private static String algorithm(Element descriptor, String name, String what) {
        Element element = SecureXml.child(descriptor, name);
        String value = element == null ? null : KeyXmlReader.attribute(element, "algorithm");
        if (value == null) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                    what + ": the descriptor has no <" + name + " algorithm=\"...\"/>");
        }
        return value;
    }

    private static Secret masterKey(Element descriptor, String what) {
        Element masterKey = null;
        int count = 0;
        for (Node n = descriptor.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && "masterKey".equals(e.getLocalName())) {
                masterKey = e;
                count++;
            }
        }
        if (count != 1) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                    what + ": the descriptor must contain exactly one <masterKey>, found " + count);
        }
        // As .NET's (string)XElement + Convert.FromBase64String: all descendant text, whitespace ignored.
        String base64 = SecureXml.text(masterKey).replaceAll("[ \t\r\n]", "");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR, what + ": the master key is not valid base64");
        }
        try {
            if (bytes.length == 0) {
                throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR, what + ": the master key is empty");
            }
            return Secret.copyOf(bytes);
        } finally {
            Secret.wipe(bytes);
        }
    }
}
