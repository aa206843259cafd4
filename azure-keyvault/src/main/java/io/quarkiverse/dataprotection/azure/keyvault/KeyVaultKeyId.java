package io.quarkiverse.dataprotection.azure.keyvault;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Azure Key Vault key identifier, {@code https://{vault}/keys/{name}[/{version}]}: what ASP.NET Core's
 * {@code ProtectKeysWithAzureKeyVault(keyIdentifier, credential)} takes and what it writes into {@code <kid>}.
 * <p>
 * Parsing is strict, because a {@code kid} comes from the key store and is attacker-controlled text: an {@code https}
 * URL without user info, query or fragment; a host of letters, digits, dots and dashes; a key name of 1 to 127
 * letters, digits and dashes (Key Vault's rule); a version of 1 to 64 letters and digits. Vault host and key name
 * compare case-insensitively, as Key Vault treats them. Immutable.
 */
public final class KeyVaultKeyId {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final String vaultUrl;
    private final String name;
    private final String version;

    private KeyVaultKeyId(String vaultUrl, String name, String version) {
        this.vaultUrl = vaultUrl;
        this.name = name;
        this.version = version;
    }

    /**
     * Parses {@code https://{vault}/keys/{name}[/{version}]}.
     *
     * @throws IllegalArgumentException stating the expected form (the value is quoted only when it is a well-formed
     *         URL)
     */
    public static KeyVaultKeyId parse(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        URI uri;
        try {
            uri = new URI(identifier.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getHost() == null || !HOST.matcher(uri.getHost()).matches()) {
            throw invalid("must be an https URL without user, query or fragment, was " + describe(uri));
        }
        String[] segments = uri.getRawPath() == null ? new String[0] : uri.getRawPath().split("/", -1);
        // "", "keys", name [, version] [, "" for a trailing slash]
        int count = segments.length > 0 && segments[segments.length - 1].isEmpty() ? segments.length - 1 : segments.length;
        if (count < 3 || count > 4 || !segments[0].isEmpty() || !"keys".equals(segments[1])) {
            throw invalid("must be https://{vault}/keys/{name} or https://{vault}/keys/{name}/{version}, was "
                    + describe(uri));
        }
        String origin = "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return of(origin, segments[2], count == 4 ? segments[3] : null);
    }

    /**
     * @param vaultUrl e.g. {@code https://my-vault.vault.azure.net} (a trailing slash is ignored)
     * @param name the key name
     * @param version the key version, or {@code null} for the newest version
     * @throws IllegalArgumentException naming the invalid part and the rule
     */
    public static KeyVaultKeyId of(String vaultUrl, String name, String version) {
        Objects.requireNonNull(vaultUrl, "vaultUrl");
        Objects.requireNonNull(name, "name");
        String vault = vaultUrl.strip();
        while (vault.endsWith("/")) {
            vault = vault.substring(0, vault.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(vault);
        } catch (URISyntaxException e) {
            throw invalid("has a vault URL that is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || !HOST.matcher(uri.getHost()).matches()
                || uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Invalid Key Vault URL " + describe(uri) + ": it must be https://{vault} "
                    + "(e.g. https://my-vault.vault.azure.net), without path, query or fragment");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid Key Vault key name " + printable(name) + ": a key name has 1 "
                    + "to 127 letters, digits and dashes");
        }
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("Invalid Key Vault key version: a version has 1 to 64 letters and digits "
                    + "(Key Vault's are 32 hexadecimal digits)");
        }
        String origin = "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return new KeyVaultKeyId(origin, name, version);
    }

    /** {@code https://{vault}} in lower case, with the port when one was given. */
    public String vaultUrl() {
        return vaultUrl;
    }

    public String name() {
        return name;
    }

    /** The version, or empty for "the newest version". */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** This key without its version: the newest version. */
    public KeyVaultKeyId versionless() {
        return version == null ? this : new KeyVaultKeyId(vaultUrl, name, null);
    }

    /** Whether {@code other} names the same key of the same vault, whatever the versions. */
    public boolean sameKey(KeyVaultKeyId other) {
        return vaultUrl.equals(other.vaultUrl) && name.equalsIgnoreCase(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyVaultKeyId other && sameKey(other) && Objects.equals(version, other.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(vaultUrl, name.toLowerCase(Locale.ROOT), version);
    }

    /** {@code https://{vault}/keys/{name}[/{version}]}. */
    @Override
    public String toString() {
        return vaultUrl + "/keys/" + name + (version == null ? "" : "/" + version);
    }

    private static IllegalArgumentException invalid(String rule) {
        return new IllegalArgumentException("Invalid Azure Key Vault key identifier: it " + rule
                + " (expected https://{vault}/keys/{name} or https://{vault}/keys/{name}/{version})");
    }

    private static String describe(URI uri) {
        return printable(uri.toString());
    }

    /** Quoted when short and printable ASCII; text from a key store may hold anything, line breaks included. */
    private static String printable(String text) {
        return text.length() <= 300 && text.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? "'" + text + "'"
                : "(not shown)";
    }
}
