package io.quarkiverse.dataprotection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.CertificateFiles;
import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.KeyEncryption;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;
import io.quarkiverse.dataprotection.xmlencryption.CertificateFileSettings;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.CompositeCertificateSource;

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
                .orElseGet(() -> files(config.certificate(), KEY_ENCRYPTION + "certificate"));
        List<CertificateSource> decryptionOnly = new ArrayList<>();
        for (Map.Entry<String, CertificateFiles> entry : config.decryptionCertificates().entrySet()) {
            decryptionOnly.add(files(entry.getValue(), KEY_ENCRYPTION + "decryption-certificates." + entry.getKey()));
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
            sources.add(files(files, KEY_ENCRYPTION + "certificate"));
        }
        for (Map.Entry<String, CertificateFiles> entry : config.decryptionCertificates().entrySet()) {
            sources.add(files(entry.getValue(), KEY_ENCRYPTION + "decryption-certificates." + entry.getKey()));
        }
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sources.size() == 1 ? sources.get(0)
                : new CompositeCertificateSource(sources.get(0), sources.subList(1, sources.size())));
    }

    /** A certificate group's files; the rules are core's ({@link CertificateFileSettings}). */
    private static CertificateSource files(CertificateFiles files, String property) {
        CertificateFileSettings settings = new CertificateFileSettings(files.pkcs12().path().orElse(null),
                files.pkcs12().password().orElse(null), files.pem().certificatePath().orElse(null),
                files.pem().privateKeyPath().orElse(null));
        try {
            return settings.source();
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, ConfigErrors.certificateFiles(property));
        }
    }
}
