package io.quarkiverse.dataprotection.xmlencryption;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Where one certificate with its private key is read from: a PKCS#12 file, or a PEM certificate file and a PKCS#8
 * private key file, exactly one of the two. The rule lives here once for every adapter that reads these paths from
 * configuration; {@link #source()} throws {@link InvalidSettingException} naming the component to fix. No I/O until
 * the source's first {@link CertificateSource#certificates()} call.
 * <p>
 * Immutable. {@link #toString()} never prints the password.
 *
 * @param pkcs12Path a PKCS#12 ({@code .pfx}/{@code .p12}) file, or {@code null}
 * @param pkcs12Password its password, or {@code null} for none
 * @param pemCertificatePath a PEM certificate file, or {@code null}
 * @param pemPrivateKeyPath an unencrypted PKCS#8 private key file (may be the certificate file), or {@code null}
 */
public record CertificateFileSettings(String pkcs12Path, String pkcs12Password, String pemCertificatePath,
        String pemPrivateKeyPath) {

    /** Whether any path is set: the settings are in use. */
    public boolean isPresent() {
        return pkcs12Path != null || pemCertificatePath != null || pemPrivateKeyPath != null;
    }

    /**
     * The source these paths describe.
     *
     * @throws InvalidSettingException when no file or both kinds are given, a PEM path lacks its partner, or a path
     *         is blank or malformed
     */
    public CertificateSource source() {
        boolean pem = pemCertificatePath != null || pemPrivateKeyPath != null;
        if (pkcs12Path != null && pem) {
            boolean certificate = pemCertificatePath != null;
            throw InvalidSettingException.invalid(certificate ? "pemCertificatePath" : "pemPrivateKeyPath",
                    certificate ? pemCertificatePath : pemPrivateKeyPath,
                    "set either {pkcs12Path} or {pemCertificatePath} and {pemPrivateKeyPath}, not both");
        }
        if (pkcs12Path != null) {
            return new Pkcs12CertificateSource(path("pkcs12Path", pkcs12Path),
                    (pkcs12Password == null ? "" : pkcs12Password).toCharArray());
        }
        if (pem) {
            if (pemCertificatePath == null) {
                throw InvalidSettingException.missing("pemCertificatePath", "it is required with {pemPrivateKeyPath}; "
                        + "set it to the PEM certificate file");
            }
            if (pemPrivateKeyPath == null) {
                throw InvalidSettingException.missing("pemPrivateKeyPath", "it is required with {pemCertificatePath}; "
                        + "set it to the PKCS#8 private key file (may be the same file)");
            }
            return new PemCertificateSource(path("pemCertificatePath", pemCertificatePath),
                    path("pemPrivateKeyPath", pemPrivateKeyPath));
        }
        throw InvalidSettingException.missing("pkcs12Path", "it is required unless PEM files are given; set it to a "
                + "PKCS#12 file, or set {pemCertificatePath} and {pemPrivateKeyPath}");
    }

    private static Path path(String setting, String value) {
        if (value.isBlank()) {
            throw InvalidSettingException.invalid(setting, "''", "set it to a file path");
        }
        try {
            return Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw InvalidSettingException.invalid(setting, value, "not a valid path (" + e.getReason() + ")");
        }
    }

    @Override
    public String toString() {
        return "CertificateFileSettings[pkcs12Path=" + pkcs12Path + ", pkcs12Password="
                + (pkcs12Password == null ? "(none)" : "***") + ", pemCertificatePath=" + pemCertificatePath
                + ", pemPrivateKeyPath=" + pemPrivateKeyPath + "]";
    }
}
