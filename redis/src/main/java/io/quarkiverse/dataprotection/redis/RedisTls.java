package io.quarkiverse.dataprotection.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Whom a {@code rediss://} connection trusts and which certificate it presents: a trust store (servers signed by a
 * private CA) and optionally a key store (Redis with {@code tls-auth-clients yes}). Without it, a TLS connection
 * trusts the JVM's default CAs and presents no certificate.
 * <p>
 * The stores are loaded when this object is made, so a wrong path, password or type fails at start with
 * {@link InvalidSettingException} naming {@code trustStore}, {@code trustStorePassword}, {@code trustStoreType},
 * {@code keyStore}, {@code keyStorePassword} or {@code keyStoreType} (adapters translate them into property names).
 * Store types: {@code PKCS12} (default; {@code .p12}, {@code .pfx}), {@code JKS} ({@code .jks}) and, for trust stores,
 * {@code PEM} ({@code .pem}, {@code .crt}, {@code .cer}: one or more certificates, as Kubernetes secrets hold them).
 * <p>
 * Immutable and thread-safe. {@link #toString()} names the stores, never their passwords.
 */
public final class RedisTls {

    private final TrustManagerFactory trustManagers;
    private final KeyManagerFactory keyManagers;
    private final boolean verifyHostname;
    private final String description;

    private RedisTls(TrustManagerFactory trustManagers, KeyManagerFactory keyManagers, boolean verifyHostname,
            String description) {
        this.trustManagers = trustManagers;
        this.keyManagers = keyManagers;
        this.verifyHostname = verifyHostname;
        this.description = description;
    }

    /**
     * Trusts the certificates in the store at {@code path}.
     *
     * @param password the store's password, or {@code null} (PEM files have none)
     * @param type {@code PKCS12}, {@code JKS} or {@code PEM}; {@code null} guesses from the file name
     * @throws InvalidSettingException when the file is missing or cannot be read with this password and type
     */
    public static RedisTls trustStore(Path path, String password, String type) {
        KeyStore store = load("trustStore", path, password, type, true);
        return new RedisTls(trustManagers(store), null, true, "trust store " + path);
    }

    /**
     * A TLS setup from stores already loaded (e.g. by the Quarkus TLS registry).
     *
     * @param trustStore the trusted certificates, or {@code null} for the JVM's default CAs
     * @param keyStore the client certificate and key, or {@code null} for none
     * @param keyPassword the key entries' password, or {@code null} when they have none
     * @param verifyHostname whether the server's certificate must name the host connected to
     * @param description where the stores came from, for logs (never a password)
     */
    public static RedisTls of(KeyStore trustStore, KeyStore keyStore, char[] keyPassword, boolean verifyHostname,
            String description) {
        return new RedisTls(trustStore == null ? null : trustManagers(trustStore),
                keyStore == null ? null : keyManagers("keyStore", keyStore, keyPassword), verifyHostname,
                Objects.requireNonNull(description, "description"));
    }

    /**
     * The JVM's default trust with the client certificate and key in the store at {@code path}.
     *
     * @throws InvalidSettingException when the file is missing or cannot be read with this password and type
     */
    public static RedisTls keyStore(Path path, String password, String type) {
        return new RedisTls(null, null, true, "").withKeyStore(path, password, type);
    }

    /** This setup presenting the client certificate and key in the store at {@code path}. */
    public RedisTls withKeyStore(Path path, String password, String type) {
        KeyStore store = load("keyStore", path, password, type, false);
        KeyManagerFactory keys = keyManagers("keyStore", store, password == null ? null : password.toCharArray());
        return new RedisTls(trustManagers, keys, verifyHostname,
                (description.isEmpty() ? "" : description + ", ") + "key store " + path);
    }

    /** This setup presenting the client certificates of {@code keyManagers} (e.g. from the Quarkus TLS registry). */
    public RedisTls withKeyManagers(KeyManagerFactory keyManagers) {
        return new RedisTls(trustManagers, Objects.requireNonNull(keyManagers, "keyManagers"), verifyHostname,
                description);
    }

    /** The trusted certificates, or {@code null} for the JVM's default. */
    public TrustManagerFactory trustManagers() {
        return trustManagers;
    }

    /** The client certificate, or {@code null} for none. */
    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** Whether the server's certificate must name the host connected to (on unless the TLS registry said none). */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    @Override
    public String toString() {
        return "RedisTls[" + (description.isEmpty() ? "default trust" : description)
                + (verifyHostname ? "" : ", no host name verification") + "]";
    }

    private static KeyStore load(String setting, Path path, String password, String type, boolean pemAllowed) {
        Objects.requireNonNull(path, setting);
        String kind = type == null || type.isBlank() ? guessType(path) : type.trim().toUpperCase(Locale.ROOT);
        if (!(kind.equals("PKCS12") || kind.equals("JKS") || (pemAllowed && kind.equals("PEM")))) {
            throw InvalidSettingException.invalid(setting + "Type", type, "use PKCS12 or JKS" + (pemAllowed
                    ? " or PEM"
                    : "") + ", or leave it unset to guess from the file name");
        }
        if (!Files.isReadable(path)) {
            throw InvalidSettingException.invalid(setting, path, "no readable file there; mount the store there or "
                    + "correct the path");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return kind.equals("PEM") ? pem(in) : keyStore(in, kind, password);
        } catch (IOException | GeneralSecurityException e) {
            // The JDK's messages name the failure (a wrong password, a truncated file), never the password itself.
            throw InvalidSettingException.invalid(setting, path, "it cannot be read as a " + kind + " store ("
                    + e.getMessage() + "); check {" + setting + "Password} and {" + setting + "Type}");
        }
    }

    private static KeyStore keyStore(InputStream in, String kind, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(kind);
        store.load(in, password == null ? null : password.toCharArray());
        return store;
    }

    private static KeyStore pem(InputStream in) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in the file");
        }
        return store;
    }

    private static String guessType(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return "JKS";
        }
        return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") ? "PEM" : "PKCS12";
    }

    private static TrustManagerFactory trustManagers(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw InvalidSettingException.invalid("trustStore", "(loaded)", "it holds no usable trust anchor ("
                    + e.getMessage() + ")");
        }
    }

    private static KeyManagerFactory keyManagers(String setting, KeyStore store, char[] password) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException e) {
            throw InvalidSettingException.invalid(setting, "(loaded)", "its private key cannot be read with {"
                    + setting + "Password} (" + e.getMessage() + ")");
        }
    }
}
