package io.quarkiverse.dataprotection.it;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;

/** Lists the key ring's keys (ids and dates, never key material) and creates a key that activates now. */
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

    /** Creates a key that activates now, so every instance makes it the default once it refreshes. */
    @POST
    public KeyView create() {
        Instant now = Instant.now();
        return KeyView.of(keyManager.createNewKey(now, now.plus(keyLifetime)));
    }
}
