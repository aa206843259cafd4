package io.quarkiverse.dataprotection.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Cipher;

/**
 * The keys part of {@link FakeKeyVaultServer}: RSA-2048 keys with versions, held here with their private keys, and
 * the Key Vault REST calls on them:
 * <ul>
 * <li>{@code GET /keys/{name}[/{version}]}: the key bundle (public JSON Web Key, {@code attributes.enabled});</li>
 * <li>{@code GET /keys/{name}/versions}: every version;</li>
 * <li>{@code POST /keys/{name}[/{version}]/wrapkey} and {@code /unwrapkey} with {@code {"alg":"RSA-OAEP",
 * "value":base64url}}: RSA-OAEP (SHA-1, MGF1-SHA-1) with the held key, answering {@code {"kid":versioned id,
 * "value":base64url}}. Without a version the newest one is used, as Key Vault does.</li>
 * </ul>
 * Errors as Key Vault gives them: 404 {@code KeyNotFound}, 403 on a disabled version, 400 {@code BadParameter} for
 * another algorithm or a value the key cannot unwrap. Every wrap and unwrap is recorded with the value it was given.
 * <p>
 * Thread-safe.
 */
public final class FakeVaultKeys {

    /** Key Vault's {@code RSA-OAEP}: OAEP with SHA-1 and MGF1-SHA-1, as .NET's and the Java SDK's. */
    static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final Pattern KEY = Pattern.compile("/keys/([^/]+)(?:/([^/]*))?/?");
    private static final Pattern VERSIONS = Pattern.compile("/keys/([^/]+)/versions/?");
    private static final Pattern OPERATION = Pattern.compile("/keys/([^/]+)(?:/([^/]*))?/(wrapkey|unwrapkey)/?");
    private static final Pattern FIELD = Pattern.compile("\"(alg|value)\"\\s*:\\s*\"([^\"]*)\"");

    private final FakeKeyVaultServer server;
    private final Map<String, List<KeyVersion>> keys = new ConcurrentHashMap<>();
    private final List<Operation> operations = new CopyOnWriteArrayList<>();

    FakeVaultKeys(FakeKeyVaultServer server) {
        this.server = server;
    }

    /** A wrap or unwrap the fake served (successfully or not): the key id used and the value it was given. */
    public record Operation(String kind, String keyId, String value) {
    }

    /** Adds a new RSA-2048 version of key {@code name}, which becomes its newest one; returns the version id. */
    public String create(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String version = UUID.randomUUID().toString().replace("-", "");
            keys.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
                    .add(new KeyVersion(version, generator.generateKeyPair(), Instant.now().getEpochSecond()));
            return version;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    /** {@code https://127.0.0.1:<port>/keys/<name>/<version>}, as Key Vault names a key version. */
    public String keyId(String name, String version) {
        return server.vaultUrl() + "/keys/" + name + "/" + version;
    }

    public void setEnabled(String name, String version, boolean enabled) {
        version(name, version).enabled = enabled;
    }

    /** What Key Vault's {@code wrapKey} with {@code RSA-OAEP} on this version returns, computed here without a call. */
    public byte[] wrap(String name, String version, byte[] key) {
        try {
            Cipher rsa = Cipher.getInstance(OAEP);
            rsa.init(Cipher.ENCRYPT_MODE, version(name, version).pair.getPublic());
            return rsa.doFinal(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unwraps as Key Vault would, without a call (to check what an encryptor wrote). */
    public byte[] unwrap(String name, String version, byte[] wrapped) {
        try {
            Cipher rsa = Cipher.getInstance(OAEP);
            rsa.init(Cipher.DECRYPT_MODE, version(name, version).pair.getPrivate());
            return rsa.doFinal(wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every authenticated wrap and unwrap request that reached a key, in order. */
    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** How many unwrap requests reached a key. */
    public long unwrapCount() {
        return operations.stream().filter(o -> o.kind.equals("unwrapkey")).count();
    }

    public long wrapCount() {
        return operations.stream().filter(o -> o.kind.equals("wrapkey")).count();
    }

    /** Unwrap requests by the base64url value they carried: one entry per distinct wrapped key. */
    public Map<String, Long> unwrapsByValue() {
        return operations.stream().filter(o -> o.kind.equals("unwrapkey"))
                .collect(Collectors.groupingBy(Operation::value, Collectors.counting()));
    }

    /** Routes an authenticated request; false when the path is not a keys path. */
    boolean route(FakeKeyVaultServer.Exchange exchange) throws java.io.IOException {
        String path = exchange.path();
        Matcher m;
        if (exchange.method().equals("POST") && (m = OPERATION.matcher(path)).matches()) {
            operation(exchange, m.group(1), m.group(2), m.group(3));
        } else if (!exchange.method().equals("GET") || !path.startsWith("/keys/")) {
            return false;
        } else if ((m = VERSIONS.matcher(path)).matches()) {
            String name = m.group(1);
            List<KeyVersion> all = versionsOf(exchange, name);
            if (all != null) {
                exchange.respond(200, "{\"value\":[" + all.stream().map(v -> "{\"kid\":\"" + keyId(name, v.id)
                        + "\",\"attributes\":" + attributes(v) + "}").collect(Collectors.joining(","))
                        + "],\"nextLink\":null}");
            }
        } else if ((m = KEY.matcher(path)).matches()) {
            KeyVersion version = find(exchange, m.group(1), m.group(2));
            if (version != null) {
                exchange.respond(200, keyBundle(m.group(1), version));
            }
        } else {
            return false;
        }
        return true;
    }

    private void operation(FakeKeyVaultServer.Exchange exchange, String name, String versionId, String kind)
            throws java.io.IOException {
        Map<String, String> body = fields(exchange.body());
        KeyVersion version = find(exchange, name, versionId);
        String value = body.getOrDefault("value", "");
        if (version == null) {
            return;
        }
        String kid = keyId(name, version.id);
        operations.add(new Operation(kind, kid, value));
        if (!version.enabled) {
            exchange.respond(403, FakeKeyVaultServer.error("Forbidden", "Operation " + kind + " is not allowed on a "
                    + "disabled key."));
            return;
        }
        if (!"RSA-OAEP".equals(body.get("alg"))) {
            exchange.respond(400, FakeKeyVaultServer.error("BadParameter", "This fake serves RSA-OAEP only."));
            return;
        }
        try {
            Cipher rsa = Cipher.getInstance(OAEP);
            rsa.init(kind.equals("wrapkey") ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                    kind.equals("wrapkey") ? version.pair.getPublic() : version.pair.getPrivate());
            byte[] result = rsa.doFinal(Base64.getUrlDecoder().decode(value));
            exchange.respond(200, "{\"kid\":\"" + kid + "\",\"value\":\"" + base64Url(result) + "\"}");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            exchange.respond(400, FakeKeyVaultServer.error("BadParameter", "The parameter value is invalid."));
        }
    }

    private KeyVersion find(FakeKeyVaultServer.Exchange exchange, String name, String versionId)
            throws java.io.IOException {
        List<KeyVersion> all = versionsOf(exchange, name);
        if (all == null) {
            return null;
        }
        if (versionId == null || versionId.isEmpty()) {
            return all.get(all.size() - 1);
        }
        KeyVersion found = all.stream().filter(v -> v.id.equals(versionId)).findFirst().orElse(null);
        if (found == null) {
            exchange.respond(404, FakeKeyVaultServer.error("KeyNotFound", "A key with (name/id) " + name + "/"
                    + versionId + " was not found in this key vault."));
        }
        return found;
    }

    private List<KeyVersion> versionsOf(FakeKeyVaultServer.Exchange exchange, String name) throws java.io.IOException {
        List<KeyVersion> all = keys.get(name);
        if (all == null || all.isEmpty()) {
            exchange.respond(404, FakeKeyVaultServer.error("KeyNotFound", "A key with (name/id) " + name
                    + " was not found in this key vault."));
            return null;
        }
        return all;
    }

    private KeyVersion version(String name, String version) {
        return keys.getOrDefault(name, List.of()).stream().filter(v -> v.id.equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No version " + version + " of key " + name));
    }

    private String keyBundle(String name, KeyVersion v) {
        RSAPublicKey key = (RSAPublicKey) v.pair.getPublic();
        return "{\"key\":{\"kid\":\"" + keyId(name, v.id) + "\",\"kty\":\"RSA\",\"key_ops\":[\"encrypt\",\"decrypt\","
                + "\"sign\",\"verify\",\"wrapKey\",\"unwrapKey\"],\"n\":\"" + base64Url(unsigned(key.getModulus()))
                + "\",\"e\":\"" + base64Url(unsigned(key.getPublicExponent())) + "\"},\"attributes\":" + attributes(v)
                + "}";
    }

    private static String attributes(KeyVersion v) {
        return "{\"enabled\":" + v.enabled + ",\"created\":" + v.created + ",\"updated\":" + v.created
                + ",\"recoveryLevel\":\"Recoverable+Purgeable\"}";
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> fields = new ConcurrentHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class KeyVersion {
        final String id;
        final KeyPair pair;
        final long created;
        volatile boolean enabled = true;

        KeyVersion(String id, KeyPair pair, long created) {
            this.id = id;
            this.pair = pair;
            this.created = created;
        }
    }
}
