package io.quarkiverse.dataprotection.spi;

import org.w3c.dom.Element;

/**
 * Reverses a {@link KeyEncryptor}, as ASP.NET Core's {@code IXmlDecryptor}. Several decryptors may be configured
 * (for instance one per certificate that ever encrypted keys); the key manager picks one by
 * {@link #supports(String)}.
 * <p>
 * Implementations must be safe for concurrent use.
 */
public interface KeyDecryptor {

    /**
     * Whether this decryptor reverses elements recorded with {@code decryptorTypeName}: the .NET type name with
     * its namespace and without the assembly part, e.g.
     * {@code Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor}.
     */
    boolean supports(String decryptorTypeName);

    /**
     * Decrypts {@code encryptedElement} (the child of {@code <encryptedSecret>}).
     *
     * @throws KeyDecryptionException when it cannot, naming what it would need (e.g. a certificate thumbprint)
     */
    Element decrypt(Element encryptedElement);
}
