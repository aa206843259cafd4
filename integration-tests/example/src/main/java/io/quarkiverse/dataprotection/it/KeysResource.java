package io.quarkiverse.dataprotection.it;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;

/**
 * Lists the key ring's keys (ids and dates, never key material), creates a key that activates now, and revokes a
 * key.
 */
@Path("/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    /** What the example shows of a key. */
    public record KeyView(String id, Instant creationDate, Instant activationDate, Instant expirationDate,
            boolean revoked) {

        static KeyView of(Key key) {
            return new KeyView(key.id().toString(), key.creationDate(), key.activationDate(), key.expirationDate(),
                    key.isRevoked());
        }
    }

    @Inject
    KeyManager keyManager;

    @ConfigProperty(name = "quarkus.data-protection.key-lifetime")
    java.time.Duration keyLifetime;

    @GET
    public List<KeyView> list() {
        return keyManager.getAllKeys().stream()
                .sorted(Comparator.comparing(Key::activationDate))
                .map(KeyView::of)
                .toList();
    }

    /**
     * Creates a key that activates now. As in current ASP.NET Core, the most recently activated key is the default:
     * this instance protects with it at once, the others from their next refresh (every instance unprotects with it
     * as soon as it has read it, or on the first payload naming it).
     */
    @POST
    public KeyView create() {
        Instant now = Instant.now();
        return KeyView.of(keyManager.createNewKey(now, now.plus(keyLifetime)));
    }

    /** Revokes a key: no instance protects with it again, and its payloads are refused (except as "persisted"). */
    @POST
    @Path("/{id}/revoke")
    public void revoke(@PathParam("id") UUID id) {
        keyManager.revokeKey(id, "revoked through the example service");
    }
}
