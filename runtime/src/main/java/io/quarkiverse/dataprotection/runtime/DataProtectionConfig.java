package io.quarkiverse.dataprotection.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data protection settings read when the application starts. */
@ConfigMapping(prefix = "quarkus.data-protection")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DataProtectionConfig {

    /**
     * The application name at the root of every purpose chain (ASP.NET Core's {@code SetApplicationName}). Two
     * applications sharing a key ring unprotect each other's payloads only when their names are equal, so set the
     * same value as the ASP.NET Core application you interoperate with. Defaults to {@code quarkus.application.name}.
     */
    Optional<String> applicationName();

    /**
     * How long a newly created key is used to protect data. At least 7 days (ASP.NET Core's minimum).
     */
    @WithDefault("90D")
    Duration keyLifetime();

    /**
     * How long a new key takes to reach every instance (ASP.NET Core: 2 days, fixed). It decides when the default key's
     * successor is created: once the default key expires within this window plus 24 hours (ASP.NET's refresh period),
     * so that every instance has read the successor before it activates at that expiry. It also orders the fallback
     * key, used only when there is no default key: keys created longer ago than this come first. It never delays a
     * new key: as in current ASP.NET Core, the most recently activated key is the default at once, however recently it
     * was created. Keep 2D whenever ASP.NET Core applications share the key ring, so that every instance decides alike
     * when a successor is due; among instances of this extension alone, which read the ring every refresh period, a
     * shorter window only creates successors closer to the expiry. With the 24 hours it must stay shorter than the key
     * lifetime.
     */
    @WithDefault("2D")
    Duration propagationWindow();

    /**
     * When set, keys that expired longer than this ago are deleted from the store by the background refresh (never
     * the default key). Off by default, as in ASP.NET Core: data protected with a deleted key can never be
     * unprotected again, so choose a period longer than any protected data lives.
     */
    Optional<Duration> keyRetention();

    /**
     * How often the key ring is read again from the store, so that keys created or revoked by another instance are
     * seen.
     */
    @WithDefault("5M")
    Duration refreshPeriod();

    /**
     * Whether keys are created automatically when there is no usable default key or the default key is about to
     * expire. Turn it off on instances that must only read a key ring managed elsewhere.
     */
    @WithDefault("true")
    boolean autoGenerateKeys();

    /**
     * Whether an instance puts back the key ring elements a store lost. When the store reads back without keys this
     * instance still serves with (a Redis restarted without persistence, a failover that lost writes, a deleted key
     * directory), the instance appends every element it last read that is missing — exactly as it read it, still
     * encrypted — in one compare-and-set, so the ring returns to what it was, no instance creates a key, and readiness
     * stays up. Keys this instance deleted itself (retention, the key manager) are never put back. To retire keys on
     * purpose, revoke them. With {@code false}, a store that reads empty after keys were seen makes the instance not
     * ready (it keeps serving its cached keys and creates none) until an operator calls
     * {@code KeyManager.acceptEmptyStore()}.
     */
    @WithDefault("true")
    boolean restoreLostKeys();

    /**
     * Whether the key ring is read for the first time in the background instead of before the application reports
     * started (a remote store then never delays the start). With Quarkus' HTTP server that read starts once the
     * server listens (except in dev mode), so that it does not compete for the CPU with the rest of the start-up; a protect, an
     * unprotect,
     * a key manager call or a readiness probe arriving first starts it at once. Until that read is done the readiness
     * check is down with {@code starting: true} (it waits up to 10 seconds for a read under way before it answers),
     * and protect and unprotect wait for the read. Set it to {@code false} to make the start wait for the read.
     */
    @WithDefault("true")
    boolean firstReadInBackground();

    /** The algorithms of newly created keys. */
    @ConfigDocSection
    Algorithm algorithm();

    /** The file system key store. Used when {@code quarkus.data-protection.key-store=file}. */
    @ConfigDocSection
    File file();

    /**
     * Encryption of the keys at rest. The master key in each stored key element is encrypted to an X.509 certificate
     * (ASP.NET Core's {@code ProtectKeysWithCertificate}) or wrapped with an Azure Key Vault key
     * ({@code ProtectKeysWithAzureKeyVault}).
     */
    @ConfigDocSection
    KeyEncryption keyEncryption();

    /** The algorithms of newly created keys; existing keys keep theirs. */
    interface Algorithm {

        /** The encryption algorithm of new keys, named as in ASP.NET Core's key XML. */
        @WithDefault("AES_256_CBC")
        EncryptionAlgorithm encryption();

        /**
         * The validation (MAC) algorithm of new keys when the encryption algorithm is a CBC mode. Defaults to
         * {@code HMACSHA256}; must not be set with a GCM encryption algorithm, which authenticates by itself.
         */
        Optional<ValidationAlgorithm> validation();
    }

    /** The file system key store. */
    interface File {

        /**
         * The directory holding one {@code key-<id>.xml} file per key. Created when missing. Share it (for example a
         * mounted volume) between instances that must read each other's payloads. In dev and test mode, when it is
         * not configured, the default is {@code data-protection-keys} in the build output directory (for example
         * {@code target/data-protection-keys}), so that tests and dev mode never write keys under the home directory.
         */
        @WithDefault("${user.home}/.local/share/quarkus-data-protection/keys")
        String directory();
    }

    /** Key encryption at rest. */
    interface KeyEncryption {

        /**
         * How the master keys are encrypted before they are stored.
         * <ul>
         * <li>{@code none}: stored in plaintext (a warning is logged at start); anyone who can read the store can
         * unprotect every payload.</li>
         * <li>{@code certificate}: encrypted to the certificate of {@code key-encryption.certificate.*} (a PKCS#12
         * file, or PEM certificate and private key files).</li>
         * <li>{@code azure-key-vault}: encrypted to the current version of an Azure Key Vault certificate; every
         * enabled version decrypts. Needs the {@code io.quarkiverse.dataprotection:quarkus-data-protection-azure-keyvault}
         * extension, configured with {@code key-encryption.azure-key-vault.*}.</li>
         * <li>{@code azure-key-vault-key}: wrapped with an Azure Key Vault key, as ASP.NET Core's
         * {@code ProtectKeysWithAzureKeyVault} does (Key Vault's {@code wrapKey}/{@code unwrapKey} with
         * {@code RSA-OAEP}; the key never leaves the vault). Needs the same extension, configured with
         * {@code key-encryption.azure-key-vault.vault-url} and {@code .key-name}.</li>
         * </ul>
         * The certificate types write the XML Encryption form ASP.NET Core's {@code CertificateXmlEncryptor} writes.
         * Whichever type encrypts, the certificates configured here ({@code decryption-certificates.*}, and a Key Vault
         * certificate or key set up under {@code key-encryption.azure-key-vault.*}) keep decrypting the keys they
         * encrypted, so a ring can move from one form to the other ({@code KeyManager.reencryptKeys()}).
         */
        @WithDefault("none")
        KeyEncryptionType type();

        /** The certificate of {@code type=certificate}. */
        CertificateFiles certificate();

        /**
         * More certificates that only decrypt: keys encrypted with a certificate that no longer encrypts stay
         * readable (ASP.NET Core's {@code UnprotectKeysWithAnyCertificate}). Keyed by any name, e.g.
         * {@code key-encryption.decryption-certificates.old-2025.pkcs12.path=/certs/old.pfx}.
         */
        @ConfigDocMapKey("name")
        Map<String, CertificateFiles> decryptionCertificates();
    }

    /** A certificate with its private key, from a PKCS#12 file or from PEM files; set exactly one of them. */
    interface CertificateFiles {

        /** A PKCS#12 ({@code .pfx}/{@code .p12}) file. */
        Pkcs12 pkcs12();

        /** A PEM certificate file and an unencrypted PKCS#8 private key file. */
        Pem pem();
    }

    /** A PKCS#12 file. */
    interface Pkcs12 {

        /** The path of the PKCS#12 file holding the certificate and its private key. */
        Optional<String> path();

        /** The password of the PKCS#12 file; none when not set. */
        Optional<String> password();
    }

    /** PEM files. */
    interface Pem {

        /** The path of the PEM certificate ({@code -----BEGIN CERTIFICATE-----}). */
        Optional<String> certificatePath();

        /**
         * The path of the unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}); may be the certificate
         * file itself when it holds both.
         */
        Optional<String> privateKeyPath();
    }
}
