package io.quarkiverse.dataprotection.runtime.devui;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.runtime.DataProtectionConfig;
import io.quarkiverse.dataprotection.runtime.DataProtectionService;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * The Dev UI's JSON-RPC methods (dev mode only): the key ring as a table, its status, and the operator's actions —
 * create a key, revoke one, revoke all. Everything goes through the public key manager and status API, so the page
 * sees what the application sees; nothing returned holds key bytes or key XML. Thread-safe; the methods block (they
 * read the store) and so run on worker threads.
 */
public class DataProtectionJsonRpcService {

    private static final Logger LOG = Logger.getLogger(DataProtectionJsonRpcService.class);
    static final String REASON = "Revoked from the Dev UI";

    @Inject
    DataProtectionService service;

    @Inject
    DataProtectionConfig config;

    /** For the Dev UI, which injects the fields. */
    public DataProtectionJsonRpcService() {
    }

    /** For tests and tools that call the methods directly. */
    public DataProtectionJsonRpcService(DataProtectionService service, DataProtectionConfig config) {
        this.service = service;
        this.config = config;
    }

    /** Every key in the store, newest activation first. */
    public List<KeyRow> list() {
        Instant now = Instant.now();
        Optional<UUID> defaultKey = afterFirstRead().status().defaultKeyId();
        Map<UUID, String> encryption = encryptions();
        return service.provider().keyManager().getAllKeys().stream()
                .sorted(Comparator.comparing(Key::activationDate).reversed())
                .map(key -> row(key, now, defaultKey, encryption))
                .toList();
    }

    /** The ring's cached status (never reads the store) and the purposes the build found. */
    public RingStatus status() {
        KeyRingStatus status = afterFirstRead().status();
        return new RingStatus(status.isReady(), status.store(), config.keyEncryption().type().toString(),
                service.provider().applicationName(), status.keyCount(), text(status.defaultKeyId()),
                text(status.defaultKeyExpiration()), text(status.nextKeyActivation()),
                text(status.lastSuccessfulRefresh()), status.lastRefreshError().orElse(null),
                status.fault().orElse(null), status.keyCreationBlocked().orElse(null), status.warnings(),
                status.unusableKeys(), service.buildInfo().purposes());
    }

    /** Creates a key active now, for the configured key lifetime; it becomes the default key at once. */
    public KeyRow create() {
        Instant now = Instant.now();
        Key key = service.provider().keyManager().createNewKey(now, now.plus(config.keyLifetime()));
        LOG.infof("Key %s created from the Dev UI", key.id());
        KeyRingStatus status = service.provider().refresh();
        return row(key, Instant.now(), status.defaultKeyId(), encryptions());
    }

    /**
     * Revokes one key: it never protects again, and payloads protected with it no longer unprotect.
     *
     * @param id the key id
     */
    public RingStatus revoke(String id) {
        UUID keyId = parse(id);
        if (service.provider().keyManager().getAllKeys().stream().noneMatch(key -> key.id().equals(keyId))) {
            throw new IllegalArgumentException("No key " + keyId + " in the key ring");
        }
        service.provider().keyManager().revokeKey(keyId, REASON);
        LOG.infof("Key %s revoked from the Dev UI", keyId);
        service.provider().refresh();
        return status();
    }

    /** Revokes every key created until now; a new default key is created when automatic key creation is on. */
    public RingStatus revokeAll() {
        service.provider().keyManager().revokeAllKeys(Instant.now(), REASON);
        LOG.info("Every key revoked from the Dev UI");
        service.provider().refresh();
        return status();
    }

    /** The provider once its first read (in the background at start) is done, or after 10 seconds. */
    private DataProtectionProvider afterFirstRead() {
        DataProtectionProvider provider = service.provider();
        try {
            provider.awaitFirstRead(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return provider;
    }

    private Map<UUID, String> encryptions() {
        try {
            return KeyEncryptionDescriptions.of(service.keyStore().readAll());
        } catch (XmlRepositoryException e) {
            return Map.of(); // the table still shows the keys; the status reports the store failure
        }
    }

    static KeyRow row(Key key, Instant now, Optional<UUID> defaultKey, Map<UUID, String> encryption) {
        boolean isDefault = defaultKey.filter(key.id()::equals).isPresent();
        return new KeyRow(key.id().toString(), key.creationDate().toString(), key.activationDate().toString(),
                key.expirationDate().toString(), key.isRevoked(), isDefault,
                key.algorithms() == null ? "unknown" : key.algorithms().toString(),
                encryption.getOrDefault(key.id(), "unknown"), key.canEncrypt() && !key.isRevoked(),
                state(key, now, isDefault));
    }

    static String state(Key key, Instant now, boolean isDefault) {
        if (key.unusableReason().isPresent()) {
            return "cannot be used: " + key.unusableReason().get();
        }
        if (key.isRevoked()) {
            return "revoked";
        }
        if (isDefault) {
            return "default";
        }
        if (key.isExpired(now)) {
            return "expired (still unprotects)";
        }
        if (key.activationDate().isAfter(now)) {
            return "not yet active";
        }
        return "usable (not the default)";
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a key id: '" + id + "'; expected a GUID such as "
                    + "1b7ac6a9-5d0e-4b1e-9d4c-3c2a0f6b8e21");
        }
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(null);
    }
}
