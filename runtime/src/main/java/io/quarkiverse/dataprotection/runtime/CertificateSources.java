package io.quarkiverse.dataprotection.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.CertificateFiles;
import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.KeyEncryption;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.CompositeCertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.PemCertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.Pkcs12CertificateSource;

/** Builds the certificate source of {@code key-encryption.*}; every check names the property to fix. No I/O. */
final class CertificateSources {

    static final String KEY_ENCRYPTION = "key-encryption.";

    private CertificateSources() {
    }

    /**
     * The source of {@code type} (files, or {@code remote}'s for a type an extension adds), plus the decryption-only
     * certificates.
     */
    static CertificateSource create(KeyEncryption config, Optional<CertificateSourceFactory> remote) {
        CertificateSource primary = remote.map(CertificateSourceFactory::create)
                .orElseGet(() -> files(config.certificate(), KEY_ENCRYPTION + "certificate", "certificate"));
        List<CertificateSource> decryptionOnly = new ArrayList<>();
        for (Map.Entry<String, CertificateFiles> entry : config.decryptionCertificates().entrySet()) {
            decryptionOnly.add(files(entry.getValue(), KEY_ENCRYPTION + "decryption-certificates." + entry.getKey(),
                    null));
        }
        return decryptionOnly.isEmpty() ? primary : new CompositeCertificateSource(primary, decryptionOnly);
    }

    /**
     * Every configured certificate, for decryption only (while a key service wraps new keys): {@code remote}'s
     * certificates, {@code key-encryption.certificate.*} and {@code decryption-certificates.*}; empty when there are
     * none.
     */
    static Optional<CertificateSource> decryptionOnly(KeyEncryption config, Optional<CertificateSourceFactory> remote) {
        List<CertificateSource> sources = new ArrayList<>();
        remote.map(CertificateSourceFactory::create).ifPresent(sources::add);
        CertificateFiles files = config.certificate();
        if (files.pkcs12().path().isPresent() || files.pem().certificatePath().isPresent()
                || files.pem().privateKeyPath().isPresent()) {
            sources.add(files(files, KEY_ENCRYPTION + "certificate", null));
        }
        for (Map.Entry<String, CertificateFiles> entry : config.decryptionCertificates().entrySet()) {
            sources.add(files(entry.getValue(), KEY_ENCRYPTION + "decryption-certificates." + entry.getKey(), null));
        }
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sources.size() == 1 ? sources.get(0)
                : new CompositeCertificateSource(sources.get(0), sources.subList(1, sources.size())));
    }

    /**
     * @param requiredBy the {@code type} value that requires this certificate, or null for a decryption certificate
     */
    private static CertificateSource files(CertificateFiles files, String property, String requiredBy) {
        boolean pkcs12 = files.pkcs12().path().isPresent();
        boolean pem = files.pem().certificatePath().isPresent() || files.pem().privateKeyPath().isPresent();
        if (pkcs12 && pem) {
            throw ConfigErrors.invalid(property + ".pem.certificate-path", files.pem().certificatePath().orElse(""),
                    "set either " + ConfigErrors.PREFIX + property + ".pkcs12.path or the .pem.* paths, not both");
        }
        if (pkcs12) {
            return new Pkcs12CertificateSource(path(files.pkcs12().path().get(), property + ".pkcs12.path"),
                    files.pkcs12().password().orElse("").toCharArray());
        }
        if (pem) {
            String certificate = files.pem().certificatePath().orElseThrow(() -> ConfigErrors.missing(
                    property + ".pem.certificate-path", "it is required with " + ConfigErrors.PREFIX + property
                            + ".pem.private-key-path; set it to the PEM certificate file"));
            String key = files.pem().privateKeyPath().orElseThrow(() -> ConfigErrors.missing(
                    property + ".pem.private-key-path", "it is required with " + ConfigErrors.PREFIX + property
                            + ".pem.certificate-path; set it to the PKCS#8 private key file (may be the same file)"));
            return new PemCertificateSource(path(certificate, property + ".pem.certificate-path"),
                    path(key, property + ".pem.private-key-path"));
        }
        throw ConfigErrors.missing(property + ".pkcs12.path", (requiredBy == null ? "a decryption certificate needs "
                : "it is required when " + ConfigErrors.PREFIX + "key-encryption.type=" + requiredBy + "; set it to ")
                + "a PKCS#12 file, or set " + ConfigErrors.PREFIX + property + ".pem.certificate-path and "
                + ".pem.private-key-path");
    }

    private static Path path(String value, String property) {
        if (value.isBlank()) {
            throw ConfigErrors.invalid(property, "''", "set it to a file path");
        }
        return Path.of(value).toAbsolutePath();
    }
}
