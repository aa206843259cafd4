package io.quarkiverse.dataprotection.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * Readiness check {@code data-protection}: up while the key ring has a usable default key and no fault. Reads the
 * provider's cached status only (never the store) and reports dates, counts and ids, never key material. Registered
 * by the deployment module when {@code quarkus.data-protection.health.enabled} is true.
 */
@Readiness
@ApplicationScoped
class DataProtectionHealthCheck implements HealthCheck {

    static final String NAME = "data-protection";
    /** A certificate expiring this soon gets a warning in the check's data; the check stays up. */
    static final Duration CERTIFICATE_EXPIRY_WARNING = Duration.ofDays(30);
    /**
     * How long a probe waits for the first read of the key store while it is under way (it is read in the
     * background at start): a probe sent during a normal start answers with the outcome rather than "starting"; when
     * the store hangs, the answer is "starting" after this wait (a probe that gives up sooner counts as not ready,
     * which is the truth).
     */
    static final Duration FIRST_READ_WAIT = Duration.ofSeconds(10);

    private final DataProtectionService service;

    DataProtectionHealthCheck(DataProtectionService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        KeyRingStatus status = statusAfterFirstRead();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("store", status.store())
                .withData("keys", status.keyCount())
                .withData("unusable-keys", status.unusableKeys().size())
                // Keys are decrypted on first use: these two and unusable-keys add up to keys.
                .withData("decrypted-keys", status.decryptedKeys())
                .withData("encrypted-keys", status.encryptedKeys())
                .withData("unreadable-elements", status.unreadableElements())
                .withData("purposes", String.join(", ", service.buildInfo().purposes()));
        if (status.starting()) {
            response.withData("starting", true);
        }
        status.defaultKeyId().ifPresent(id -> response.withData("default-key", id.toString()));
        withInstant(response, "default-key-expires", status.defaultKeyExpiration());
        withInstant(response, "next-key-activation", status.nextKeyActivation());
        withInstant(response, "last-refresh", status.lastSuccessfulRefresh());
        status.lastRefreshError().ifPresent(error -> response.withData("last-refresh-error", error));
        status.fault().ifPresent(fault -> response.withData("fault", fault));
        status.keyCreationBlocked().ifPresent(blocked -> response.withData("key-creation-blocked", blocked));
        for (int i = 0; i < status.warnings().size(); i++) {
            response.withData("warning-" + (i + 1), status.warnings().get(i));
        }
        status.lastKeyLoss().ifPresent(loss -> response.withData("last-key-loss", loss.detectedAt() + ": "
                + loss.lostElements() + " element(s) missing from the store, " + loss.restoredElements()
                + " restored by this instance"));
        Optional<ActiveKeyEncryption> encryption = service.keyEncryption();
        Optional<String> certificateFailure = encryption.flatMap(e -> withCertificate(response, e));
        if (certificateFailure.isPresent()) {
            return response.down().withData("reason", "the key encryption certificates could not be loaded: "
                    + certificateFailure.get()).build();
        }
        Optional<String> keyServiceFailure = encryption.flatMap(ActiveKeyEncryption::keyServiceFailure);
        keyServiceFailure.ifPresent(failure -> response.withData("key-encryption-error", failure));
        if (status.isReady()) {
            return response.up().build();
        }
        return response.down().withData("reason", reason(status, keyServiceFailure)).build();
    }

    private KeyRingStatus statusAfterFirstRead() {
        try {
            service.provider().awaitFirstRead(FIRST_READ_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // answer with what is known now
        }
        return service.provider().status();
    }

    /** Adds what encrypts new keys (the certificate's public description); returns the load failure, if any. */
    private static Optional<String> withCertificate(HealthCheckResponseBuilder response, ActiveKeyEncryption encryption) {
        response.withData("key-encryption", encryption.description());
        Optional<String> failure = encryption.certificateFailure();
        if (failure.isPresent()) {
            return failure;
        }
        encryption.encryptingCertificate().ifPresent(certificate -> {
            response.withData("certificate-thumbprint", certificate.thumbprint())
                    .withData("certificate-subject", certificate.subject())
                    .withData("certificate-expires", certificate.notAfter().toString());
            if (certificate.expiresWithin(CERTIFICATE_EXPIRY_WARNING)) {
                response.withData("certificate-warning", "the certificate that encrypts new keys expires "
                        + certificate.notAfter() + "; rotate it (keys encrypted with it stay readable while it is a "
                        + "decryption certificate)");
            }
        });
        return Optional.empty();
    }

    private static String reason(KeyRingStatus status, Optional<String> keyServiceFailure) {
        if (status.starting()) {
            return "starting: the first read of the key store (" + status.store() + ") has not finished";
        }
        if (status.fault().isPresent()) {
            return "the key ring is faulty (see fault); it keeps serving its cached keys";
        }
        if (status.keyCreationBlocked().isPresent()) {
            return "no usable default key: " + status.keyCreationBlocked().get();
        }
        if (keyServiceFailure.isPresent()) {
            // a key could not be created (wrapped) or read (unwrapped): the key service's own explanation
            return "no usable default key: " + keyServiceFailure.get();
        }
        if (status.lastRefreshError().isPresent()) {
            return "no usable default key: the key store could not be read";
        }
        return "no usable default key: create one, or enable quarkus.data-protection.auto-generate-keys";
    }

    private static void withInstant(HealthCheckResponseBuilder response, String name, Optional<Instant> instant) {
        instant.ifPresent(value -> response.withData(name, value.toString()));
    }
}
