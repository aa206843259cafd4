package io.quarkiverse.dataprotection.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine.Option;

/**
 * Where the ring is and how its keys are encrypted: the service's {@code application.properties} and profile, with
 * command-line overrides that are nothing but {@code quarkus.data-protection.*} properties (so every name, default
 * and rule is the service's own, read by the CDI module's mapping). The database of {@code key-store=jdbc} is the
 * service's {@code quarkus.datasource.*}, or the {@code --jdbc-*} options (see {@link JdbcConnection}).
 * <p>
 * Not thread-safe (picocli fills it, then one command uses it).
 */
final class RingOptions {

    static final String PREFIX = "quarkus.data-protection.";

    @Option(names = { "-c", "--config" }, paramLabel = "FILE", description = "The service's application.properties.")
    Path config;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "prod", description = "The profile whose %%NAME. properties apply, as in Quarkus (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--store", paramLabel = "KIND", description = "Overrides key-store: file, redis or jdbc (memory is accepted but empty and pointless here).")
    String store;

    @Option(names = "--directory", paramLabel = "DIR", description = "Overrides file.directory; implies --store file unless --store is given.")
    Path directory;

    @Option(names = "--redis-url", paramLabel = "URL", description = "Overrides redis.hosts (repeatable, redis:// or rediss://); implies --store redis unless "
            + "--store is given.")
    List<String> redisUrls = new ArrayList<>();

    @Option(names = "--redis-list-key", paramLabel = "KEY", description = "Overrides redis.list-key.")
    String redisListKey;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "The key table's database (jdbc:postgresql:// or jdbc:mariadb://), overriding the service's "
            + "quarkus.datasource.jdbc.url; implies --store jdbc unless --store is given.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Overrides the datasource's username.")
    String jdbcUser;

    @Option(names = "--jdbc-password", paramLabel = "PASSWORD", description = "Overrides the datasource's password (visible to ps: prefer the environment variable "
            + "QUARKUS_DATASOURCE_PASSWORD).")
    String jdbcPassword;

    @Option(names = "--certificate", paramLabel = "FILE", description = "Sets key-encryption.type=certificate with this PKCS#12 (.p12, .pfx) or PEM file.")
    Path certificate;

    @Option(names = "--private-key", paramLabel = "FILE", description = "The PKCS#8 PEM private key of a PEM --certificate (default: the certificate file).")
    Path privateKey;

    @Option(names = "--certificate-password", paramLabel = "PASSWORD", description = "The password of a PKCS#12 --certificate (visible to ps: prefer the environment variable "
            + "QUARKUS_DATA_PROTECTION_KEY_ENCRYPTION_CERTIFICATE_PKCS12_PASSWORD).")
    String certificatePassword;

    @Option(names = "--decryption-certificate", paramLabel = "FILE", description = "Adds a decryption-only certificate (repeatable; PKCS#12 without password, or PEM holding "
            + "its key), e.g. the old one for reencrypt.")
    List<Path> decryptionCertificates = new ArrayList<>();

    @Option(names = "--application-name", paramLabel = "NAME", description = "Overrides application-name, the root purpose (only inspect --unprotect uses it).")
    String applicationName;

    @Option(names = "-D", paramLabel = "PROPERTY=VALUE", mapFallbackValue = "", description = "Sets any configuration property, e.g. -Dquarkus.data-protection.redis.connect-timeout=2S.")
    Map<String, String> properties = new LinkedHashMap<>();

    /**
     * Opens the ring without automatic key creation (a command never creates a key it was not asked for) and without
     * background threads.
     *
     * @throws CliException with {@link ExitCode#CONFIG} naming the property, or {@link ExitCode#STORE_UNREACHABLE}
     */
    ConfiguredKeyRing open() {
        var configuration = CliConfig.build(config == null ? null : config.toAbsolutePath(), profile,
                overrides());
        try {
            // The builder's default start reads the ring before build() returns, so every answer reflects the store.
            return ConfiguredKeyRing.open(configuration, builder -> builder.autoGenerateKeys(false)
                    .backgroundRefresh(false),
                    name -> JdbcConnection.of(configuration, name, jdbcUrl, jdbcUser, jdbcPassword));
        } catch (CliException e) {
            throw e;
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.CONFIG, e.getMessage(), e);
        }
    }

    /** The properties the options set, named as in the service's configuration. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>(properties);
        if (directory != null) {
            overrides.put(PREFIX + "file.directory", directory.toAbsolutePath().toString());
        }
        if (!redisUrls.isEmpty()) {
            overrides.put(PREFIX + "redis.hosts", String.join(",", redisUrls));
        }
        if (redisListKey != null) {
            overrides.put(PREFIX + "redis.list-key", redisListKey);
        }
        String kind = store != null ? store
                : !redisUrls.isEmpty() ? "redis" : jdbcUrl != null ? "jdbc" : directory != null ? "file" : null;
        if (kind != null) {
            overrides.put(PREFIX + "key-store", kind);
        }
        if (applicationName != null) {
            overrides.put(PREFIX + "application-name", applicationName);
        }
        if (certificate != null) {
            overrides.put(PREFIX + "key-encryption.type", "certificate");
            certificateFiles(overrides, PREFIX + "key-encryption.certificate.", certificate, privateKey,
                    certificatePassword);
        }
        for (int i = 0; i < decryptionCertificates.size(); i++) {
            certificateFiles(overrides, PREFIX + "key-encryption.decryption-certificates.cli-" + (i + 1) + ".",
                    decryptionCertificates.get(i), null, null);
        }
        return overrides;
    }

    /** Sets one certificate group and clears its other form, so that a file's settings never mix with the option. */
    private static void certificateFiles(Map<String, String> overrides, String group, Path file, Path key,
            String password) {
        String path = file.toAbsolutePath().toString();
        if (isPkcs12(path)) {
            overrides.put(group + "pkcs12.path", path);
            overrides.put(group + "pkcs12.password", password == null ? "" : password);
            overrides.put(group + "pem.certificate-path", "");
            overrides.put(group + "pem.private-key-path", "");
        } else {
            overrides.put(group + "pem.certificate-path", path);
            overrides.put(group + "pem.private-key-path", (key == null ? file : key).toAbsolutePath().toString());
            overrides.put(group + "pkcs12.path", "");
            overrides.put(group + "pkcs12.password", "");
        }
    }

    private static boolean isPkcs12(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".p12") || lower.endsWith(".pfx");
    }
}
