package io.quarkiverse.dataprotection.spi;

import java.util.Objects;

import org.w3c.dom.Element;

/**
 * What a {@link KeyEncryptor} produced.
 *
 * @param encryptedElement the element to store instead of the plaintext one
 * @param decryptorType the assembly-qualified .NET type name of the decryptor, as ASP.NET writes it (e.g.
 *        {@code Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor, Microsoft.AspNetCore.DataProtection, ...})
 */
public record EncryptedXmlInfo(Element encryptedElement, String decryptorType) {

    public EncryptedXmlInfo {
        Objects.requireNonNull(encryptedElement, "encryptedElement");
        Objects.requireNonNull(decryptorType, "decryptorType");
    }
}
