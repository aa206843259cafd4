package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.Locale;

/** The Key Vault calls this module makes, for {@link KeyVaultCallListener}s (metrics). */
public enum KeyVaultOperation {
    /** {@code GET /certificates/{name}}: the current version of a certificate. */
    GET_CERTIFICATE,
    /** {@code GET /certificates/{name}/versions}. */
    LIST_CERTIFICATE_VERSIONS,
    /** {@code GET /secrets/{name}/{version}}: a certificate's private key. */
    GET_SECRET,
    /** {@code GET /keys/{name}[/{version}]}: a key's public part and current version. */
    GET_KEY,
    /** {@code POST /keys/{name}[/{version}]/wrapkey}: once per key created. */
    WRAP_KEY,
    /** {@code POST /keys/{name}/{version}/unwrapkey}: once per stored key and process. */
    UNWRAP_KEY;

    /** The metric tag value, e.g. {@code unwrap_key}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
