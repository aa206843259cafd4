package io.quarkiverse.dataprotection.azure.keyvault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * The {@code encryptedKey} element of Azure's {@code AzureKeyVaultXmlEncryptor} (package
 * {@code Azure.Extensions.AspNetCore.DataProtection.Keys}), without the Key Vault calls:
 *
 * <pre>
 * &lt;encryptedKey&gt;
 *   &lt;!-- This key is encrypted with Azure Key Vault. --&gt;
 *   &lt;kid&gt;https://{vault}/keys/{name}/{version}&lt;/kid&gt;
 *   &lt;key&gt;base64(RSA-OAEP wrap of the content key, by Key Vault)&lt;/key&gt;
 *   &lt;iv&gt;base64(IV, 16 bytes)&lt;/iv&gt;
 *   &lt;value&gt;base64(AES-CBC/PKCS#7(content key, IV, EF BB BF + &lt;?xml version="1.0" encoding="utf-8"?&gt; + element))&lt;/value&gt;
 * &lt;/encryptedKey&gt;
 * </pre>
 *
 * The content key and the IV are one AES block each (16 bytes), drawn in that order, so the content cipher is
 * AES-128-CBC; the element is saved as .NET's {@code XElement.Save(stream, DisableFormatting)} saves it, with a UTF-8
 * byte order mark and declaration. Reading accepts a 16-, 24- or 32-byte content key (what .NET's {@code Aes} would)
 * and checks sizes before decrypting. Failures to decrypt say only that the key does not match or the data is
 * corrupt. Stateless.
 */
final class KeyWrapFormat {

    /** The decryptor type current Azure packages record, assembly-qualified as .NET writes it. */
    static final String DECRYPTOR_TYPE = "Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor, "
            + "Azure.Extensions.AspNetCore.DataProtection.Keys, Version=1.6.0.0, Culture=neutral, "
            + "PublicKeyToken=92742159e12e44c8";
    /** The current type and the one {@code Microsoft.AspNetCore.DataProtection.AzureKeyVault} wrote before. */
    static final Set<String> DECRYPTOR_TYPE_NAMES = Set.of(
            "Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor",
            "Microsoft.AspNetCore.DataProtection.AzureKeyVault.AzureKeyVaultXmlDecryptor");
    static final String COMMENT = " This key is encrypted with Azure Key Vault. ";
    static final int BLOCK = 16;
    private static final byte[] PREAMBLE = ("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>")
            .getBytes(StandardCharsets.UTF_8);
    private static final int MAX_WRAPPED_KEY = 1024;
    private static final int MAX_VALUE = 64 * 1024;

    private KeyWrapFormat() {
    }

    /** Wraps a content key: Key Vault's {@code wrapKey}, or a stand-in in tests. */
    @FunctionalInterface
    interface Wrap {
        /** @return the wrapped key and the versioned key id that wrapped it */
        Wrapped wrap(byte[] contentKey);
    }

    /** @param kid the versioned identifier of the key that wrapped, as Key Vault returns it */
    record Wrapped(String kid, byte[] wrappedKey) {
    }

    /** The parts of a stored {@code encryptedKey}, decoded and size-checked; the kid not yet judged. */
    record Parts(String kid, byte[] wrappedKey, byte[] iv, byte[] value) {
    }

    static Element encrypt(Element plaintext, RandomSource random, Wrap wrap) {
        byte[] serialized = KeyWrapXml.serialize(plaintext).getBytes(StandardCharsets.UTF_8);
        byte[] document = new byte[PREAMBLE.length + serialized.length];
        System.arraycopy(PREAMBLE, 0, document, 0, PREAMBLE.length);
        System.arraycopy(serialized, 0, document, PREAMBLE.length, serialized.length);
        Arrays.fill(serialized, (byte) 0);
        byte[] contentKey = new byte[BLOCK];
        byte[] iv = new byte[BLOCK];
        try {
            random.nextBytes(contentKey);
            random.nextBytes(iv);
            byte[] value = aes(Cipher.ENCRYPT_MODE, contentKey, iv, document);
            Wrapped wrapped = wrap.wrap(contentKey);
            return element(wrapped, iv, value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is required of every JVM", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
            Arrays.fill(document, (byte) 0);
        }
    }

    /** Reads the parts of {@code encryptedKey}; refuses what .NET would not have written, naming what is wrong. */
    static Parts parse(Element encrypted) {
        if (!"encryptedKey".equals(localName(encrypted)) || hasNamespace(encrypted)) {
            throw malformed("the element inside <encryptedSecret> must be <encryptedKey> without namespace");
        }
        Map<String, String> texts = new HashMap<>();
        for (Node n = encrypted.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && !hasNamespace(child) && Set.of("kid", "key", "iv", "value")
                    .contains(localName(child)) && texts.put(localName(child), child.getTextContent()) != null) {
                throw malformed("<" + localName(child) + "> appears more than once");
            }
        }
        for (String name : new String[] { "kid", "key", "iv", "value" }) {
            if (!texts.containsKey(name)) {
                throw malformed("<" + name + "> is missing");
            }
        }
        byte[] wrappedKey = base64(texts.get("key"), "key");
        byte[] iv = base64(texts.get("iv"), "iv");
        byte[] value = base64(texts.get("value"), "value");
        if (wrappedKey.length == 0 || wrappedKey.length > MAX_WRAPPED_KEY) {
            throw malformed("<key> must hold 1 to " + MAX_WRAPPED_KEY + " bytes, held " + wrappedKey.length);
        }
        if (iv.length != BLOCK) {
            throw malformed("<iv> must hold " + BLOCK + " bytes, held " + iv.length);
        }
        if (value.length == 0 || value.length % BLOCK != 0 || value.length > MAX_VALUE) {
            throw malformed("<value> must hold a whole number of " + BLOCK + "-byte blocks, at most " + MAX_VALUE
                    + " bytes; held " + value.length);
        }
        return new Parts(texts.get("kid").strip(), wrappedKey, iv, value);
    }

    /**
     * Decrypts {@code parts} with the unwrapped {@code contentKey}.
     *
     * @param what names the key for messages (its kid), never a secret
     */
    static Element decrypt(Parts parts, byte[] contentKey, String what) {
        if (contentKey.length != 16 && contentKey.length != 24 && contentKey.length != 32) {
            throw new KeyDecryptionException("Key Vault key " + what + " unwrapped a content key of " + contentKey.length
                    + " bytes; an AES key has 16, 24 or 32");
        }
        byte[] plaintext;
        try {
            plaintext = aes(Cipher.DECRYPT_MODE, contentKey, parts.iv(), parts.value());
        } catch (GeneralSecurityException e) {
            // Which check failed (padding) is not for callers to learn.
            throw new KeyDecryptionException("Cannot decrypt a key wrapped with Key Vault key " + what
                    + ": the wrapped key does not match the value or the data is corrupt");
        }
        try {
            return KeyWrapXml.parse(plaintext);
        } catch (SAXException | IOException e) {
            throw new KeyDecryptionException("A key unwrapped with Key Vault key " + what + " is not well-formed XML, or "
                    + "has elements nested deeper than " + KeyWrapXml.MAX_DEPTH + " levels");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static Element element(Wrapped wrapped, byte[] iv, byte[] value) {
        Document doc = KeyWrapXml.newDocument();
        Element root = doc.createElementNS(null, "encryptedKey");
        doc.appendChild(root);
        root.appendChild(doc.createComment(COMMENT));
        child(doc, root, "kid", wrapped.kid());
        child(doc, root, "key", Base64.getEncoder().encodeToString(wrapped.wrappedKey()));
        child(doc, root, "iv", Base64.getEncoder().encodeToString(iv));
        child(doc, root, "value", Base64.getEncoder().encodeToString(value));
        return root;
    }

    private static void child(Document doc, Element parent, String name, String text) {
        Element child = doc.createElementNS(null, name);
        child.setTextContent(text);
        parent.appendChild(child);
    }

    private static byte[] aes(int mode, byte[] key, byte[] iv, byte[] input) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return aes.doFinal(input);
    }

    /** As .NET's {@code Convert.FromBase64String}: padding required, white space ignored. */
    private static byte[] base64(String text, String name) {
        String compact = text.replaceAll("[ \\t\\r\\n]", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw malformed("<" + name + "> is not base64");
        }
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
    }

    private static boolean hasNamespace(Element element) {
        return element.getNamespaceURI() != null && !element.getNamespaceURI().isEmpty();
    }

    private static KeyDecryptionException malformed(String problem) {
        return new KeyDecryptionException("Unsupported Azure Key Vault <encryptedKey>: " + problem);
    }
}
