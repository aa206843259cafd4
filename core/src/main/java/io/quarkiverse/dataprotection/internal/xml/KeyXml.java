package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * Reads and writes key ring XML exactly as ASP.NET Core does ({@code XmlKeyManager},
 * {@code AuthenticatedEncryptorDescriptor}, {@code XmlEncryptionExtensions}). Written form (one line, no XML
 * declaration, as ASP.NET's Redis repository stores {@code ToString(SaveOptions.DisableFormatting)}):
 *
 * <pre>
 * &lt;key id="{guid D}" version="1"&gt;&lt;creationDate&gt;…&lt;/creationDate&gt;&lt;activationDate&gt;…&lt;/activationDate&gt;
 *   &lt;expirationDate&gt;…&lt;/expirationDate&gt;&lt;descriptor deserializerType="…AuthenticatedEncryptorDescriptorDeserializer, …"&gt;
 *   &lt;descriptor&gt;&lt;encryption algorithm="AES_256_CBC" /&gt;&lt;validation algorithm="HMACSHA256" /&gt; (GCM: a comment instead)
 *   &lt;masterKey p4:requiresEncryption="true" xmlns:p4="http://schemas.asp.net/2015/03/dataProtection"&gt;
 *   &lt;!-- Warning: the key below is in an unencrypted form. --&gt;&lt;value&gt;{base64}&lt;/value&gt;&lt;/masterKey&gt;
 *   &lt;/descriptor&gt;&lt;/descriptor&gt;&lt;/key&gt;
 * </pre>
 *
 * With a {@link KeyEncryptor}, {@code <masterKey>} is replaced by
 * {@code <encryptedSecret decryptorType="…" xmlns="http://schemas.asp.net/2015/03/dataProtection">} holding the
 * encryptor's element. Dates are UTC, {@code yyyy-MM-ddTHH:mm:ss[.fffffff]Z} with trailing fraction zeros removed,
 * truncated to .NET's 100 ns ticks. docs/modules/ROOT/pages/format.adoc cites the sources of each rule.
 * <p>
 * The parser refuses DTDs, entities, external references and XInclude, and enforces {@link #MAX_DEPTH},
 * {@link #MAX_ELEMENTS} and {@link #MAX_CHARS} while it parses, so no hostile element can overflow the stack or take
 * much memory; no tree is walked recursively. Its errors never quote the XML, which may hold an unencrypted key.
 * <p>
 * Thread-safety: stateless; safe for concurrent use.
 */
public final class KeyXml {

    /** The .NET type (without assembly) of the only descriptor deserializer ASP.NET Core writes. */
    public static final String DESCRIPTOR_DESERIALIZER_TYPE_NAME = "Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer";

    /** The deepest element nesting a stored element may have, the root being at depth 1. */
    public static final int MAX_DEPTH = SecureXml.MAX_DEPTH;
    /** The most elements a stored element may contain, itself included. */
    public static final int MAX_ELEMENTS = SecureXml.MAX_ELEMENTS;
    /** The longest stored element accepted, in UTF-16 characters (1 MiB). */
    public static final int MAX_CHARS = SecureXml.MAX_CHARS;

    private KeyXml() {
    }

    /**
     * Serializes a new key, without formatting (as ASP.NET's Redis repository stores it). When {@code encryptor}
     * is {@code null} the master key is written unencrypted, with ASP.NET's warning comment. The
     * {@code deserializerType} names the .NET 8 assembly ({@code Version=8.0.0.0}); ASP.NET ignores the version when
     * it reads the type.
     *
     * @throws IllegalArgumentException when a date is outside .NET's range (years 1 to 9999)
     * @throws io.quarkiverse.dataprotection.DataProtectionException when {@code encryptor} fails or returns an element
     *         nested deeper than {@link #MAX_DEPTH} levels
     */
    public static String writeKey(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, Secret masterKey, KeyEncryptor encryptor) {
        return KeyXmlWriter.writeKey(id, creationDate, activationDate, expirationDate, algorithms, masterKey, encryptor);
    }

    /**
     * Serializes a revocation of one key, or of all keys created before {@code revocationDate} when {@code keyId} is
     * null (then with ASP.NET's comment {@code <!-- All keys created before the revocation date are revoked. -->}).
     * A {@code null} reason is written {@code <reason />}, as ASP.NET does.
     *
     * @throws IllegalArgumentException when the reason makes the element longer than {@link #MAX_CHARS}, which every
     *         reader would refuse
     */
    public static String writeRevocation(Instant revocationDate, UUID keyId, String reason) {
        return KeyXmlWriter.writeRevocation(revocationDate, keyId, reason);
    }

    /**
     * Parses one stored element, formatted or not, with or without an XML declaration. Hostile input is refused while
     * it is parsed: a DTD, more than {@value #MAX_DEPTH} levels of nesting, more than {@value #MAX_ELEMENTS} elements,
     * more than {@value #MAX_CHARS} characters, or a name that is not namespace-well-formed. Nothing but a
     * {@link KeyXmlException} leaves this method (a {@link VirtualMachineError} apart), and its message never quotes
     * the XML.
     *
     * @throws KeyXmlException when it is not a well-formed key or revocation element within those limits; its
     *         {@linkplain KeyXmlException#kind() kind} says how a key ring read must treat the element
     */
    public static KeyRingElement parse(String xml) {
        return KeyXmlReader.parse(xml);
    }

    /**
     * Parses one stored element as {@link #parse} does, with the same limits, refusals, kinds and messages, but reads
     * a {@code <key>} in one streaming pass and builds no DOM: its {@link KeyElement#descriptor()} is {@code null}
     * (give {@link #readDescriptor} the element {@link #parse} returns). This is what a key ring read needs: a
     * certificate-encrypted key is mostly its encrypted secret, which is only decrypted when the key is first used.
     *
     * @throws KeyXmlException exactly when {@link #parse} would throw it, with the same kind and message
     */
    public static KeyRingElement parseHeader(String xml) {
        return KeyHeaderScan.parse(xml);
    }

    /**
     * Reads a key's descriptor, decrypting its secret with the first of {@code decryptors} that supports the
     * recorded decryptor type (its .NET type name without the assembly part). The deserializer type is matched by
     * type name, ignoring the assembly, version and token, as ASP.NET's {@code TypeForwardingActivator} does. A master
     * key of any non-zero length is accepted, as ASP.NET accepts it ({@link Secret#length()} tells how long it is).
     * <p>
     * Whatever the descriptor holds or a decryptor does, only the exceptions below leave this method (a
     * {@link VirtualMachineError} apart), and their messages never quote the XML or what a decryptor said.
     *
     * @throws KeyXmlException of kind {@link KeyXmlException.Kind#INVALID_DESCRIPTOR} when the descriptor is
     *         malformed, names unknown algorithms or is nested deeper than {@value #MAX_DEPTH} levels (a decryptor's
     *         result included)
     * @throws io.quarkiverse.dataprotection.spi.KeyDecryptionException when the secret is encrypted and no decryptor
     *         can decrypt it, or a decryptor fails
     * @throws io.quarkiverse.dataprotection.DataProtectionException another one a decryptor threw, such as a
     *         {@link io.quarkiverse.dataprotection.xmlencryption.CertificateSourceException} when certificates cannot be loaded
     */
    public static KeyMaterial readDescriptor(KeyElement key, List<KeyDecryptor> decryptors) {
        Objects.requireNonNull(key, "key");
        try {
            return DescriptorReader.read(key, decryptors == null ? List.of() : decryptors);
        } catch (DataProtectionException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // A DOMException for a name the DOM cannot copy, or anything else: the key stays in the ring, unusable.
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_DESCRIPTOR,
                    "Key " + key.id() + ": the descriptor cannot be read (" + e.getClass().getName() + ")");
        }
    }

    /**
     * A key's algorithms and master key.
     *
     * @param algorithms the algorithm pair
     * @param masterKey the master key
     */
    public record KeyMaterial(AlgorithmConfiguration algorithms, Secret masterKey) {
    }
}
