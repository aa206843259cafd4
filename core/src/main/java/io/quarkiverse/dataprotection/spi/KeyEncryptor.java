package io.quarkiverse.dataprotection.spi;

import org.w3c.dom.Element;

/**
 * Encrypts the secret part of a key element (the {@code <masterKey>} element) before it is stored, as ASP.NET
 * Core's {@code IXmlEncryptor}. The key manager wraps the result in
 * {@code <encryptedSecret decryptorType="...">}.
 * <p>
 * Implementations must be safe for concurrent use.
 */
public interface KeyEncryptor {

    /**
     * Encrypts {@code plaintextElement}.
     *
     * @return the element to store in its place, and the .NET type name of the decryptor that reverses it
     */
    EncryptedXmlInfo encrypt(Element plaintextElement);

    /** Names this encryptor for logs and health data (e.g. the certificate's thumbprint); never a secret. */
    String description();

    /**
     * Whether {@code encryptedElement} (the child of a stored {@code <encryptedSecret>}) is already encrypted as
     * this encryptor encrypts now, e.g. to its current certificate; re-encryption skips such keys. The default,
     * {@code false}, makes re-encryption rewrite every key.
     */
    default boolean isCurrent(Element encryptedElement) {
        return false;
    }
}
