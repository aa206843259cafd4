/**
 * What the extensions of this project plug into the main data protection extension: key repository kinds,
 * certificate sources, and key encryptions of their own (key wrap with a key service); and
 * {@link io.quarkiverse.dataprotection.runtime.spi.ForwardingVersionedXmlRepository}, the base of the wrappers they put
 * around their stores. Applications replace the store or the key encryption with beans of the core SPI types
 * ({@code XmlRepository}, {@code KeyEncryptor}, {@code KeyDecryptor}) instead.
 */
package io.quarkiverse.dataprotection.runtime.spi;
